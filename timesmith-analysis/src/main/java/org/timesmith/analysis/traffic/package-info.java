/**
 * Network traffic analysis (issue 18): {@link org.timesmith.analysis.traffic.TrafficSeriesBuilder}
 * turns a stream of connection events into days × slots series per protocol and direction,
 * {@link org.timesmith.analysis.traffic.Dwt} is PyWavelets' multilevel DWT,
 * {@link org.timesmith.analysis.traffic.TrafficAnomalyDetector} clusters days on their wavelet
 * coefficients ({@link org.timesmith.analysis.traffic.KMeans}, {@link org.timesmith.analysis.traffic.ElbowSelection})
 * and finds anomalous days and windows, {@link org.timesmith.analysis.traffic.BeaconDetector} scores
 * beacons as RITA does, and {@link org.timesmith.analysis.traffic.TrafficAnalysis} runs it all in one
 * pass. {@link org.timesmith.analysis.traffic.IpPseudonymizer} and
 * {@link org.timesmith.analysis.traffic.RegistrableDomain} enrich results. docs/traffic.md explains
 * the choices and thresholds.
 */
package org.timesmith.analysis.traffic;
