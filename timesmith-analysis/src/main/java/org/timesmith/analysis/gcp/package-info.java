/** Google Cloud audit log analyzers: {@code gcp_logging} and {@code gcp_servicekey}. */
package org.timesmith.analysis.gcp;
