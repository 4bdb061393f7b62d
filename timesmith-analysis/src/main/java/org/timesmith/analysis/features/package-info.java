/**
 * The {@code feature_extraction} analyzer: regular-expression features ({@code regex_features.yaml})
 * and Windows event log string mappings ({@code winevt_features.yaml}), as Timesketch's plugins.
 */
package org.timesmith.analysis.features;
