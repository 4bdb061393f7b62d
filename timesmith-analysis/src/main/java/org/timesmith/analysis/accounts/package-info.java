/** The {@code account_finder} analyzer: which accounts the feature extraction found. */
package org.timesmith.analysis.accounts;
