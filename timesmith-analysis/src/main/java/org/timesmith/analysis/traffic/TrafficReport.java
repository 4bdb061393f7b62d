package org.timesmith.analysis.traffic;

import java.util.List;

/**
 * The ranked results of a traffic analysis: anomalous days (highest score first), anomalous windows
 * (highest score first), every scored beacon pair (best beacon first), plus the per-series detail
 * and the series themselves (with their incomplete days and input accounting).
 */
public record TrafficReport(TrafficSeriesSet series, List<SeriesAnalysis> analyses, List<DayAnomaly> anomalousDays,
                            List<WindowAnomaly> anomalousWindows, List<Beacon> beacons) {

    public TrafficReport {
        analyses = List.copyOf(analyses);
        anomalousDays = List.copyOf(anomalousDays);
        anomalousWindows = List.copyOf(anomalousWindows);
        beacons = List.copyOf(beacons);
    }
}
