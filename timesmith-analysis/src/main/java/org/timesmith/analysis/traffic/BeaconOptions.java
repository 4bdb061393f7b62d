package org.timesmith.analysis.traffic;

/**
 * Beacon scoring thresholds; {@link #rita()} gives RITA 5's defaults (documented in docs/traffic.md).
 *
 * @param minConnections            pairs with fewer connections in the window are not scored
 * @param windowSeconds             only the last this many seconds of the data are scored (RITA: 24 hours)
 * @param binSeconds                width of a connection-count histogram bin (an hour)
 * @param modeSensitivity           bars within this share of the tallest bar count as the same height
 * @param bimodalOutlierBins        bins the bimodal fit may ignore
 * @param bimodalMinBins            fewer active bins than this: no bimodal fit score
 * @param durationMinBins           fewer active bins than this: duration score 0
 * @param durationIdealRun          this many consecutive active bins give a full consistency score
 * @param excludedProtocols         connections of these protocols are not scored (see {@link #defaults()})
 */
public record BeaconOptions(int minConnections, long windowSeconds, double timestampWeight, double dataSizeWeight, double histogramWeight,
                            double durationWeight, long binSeconds, double modeSensitivity, int bimodalOutlierBins,
                            int bimodalMinBins, int durationMinBins, int durationIdealRun,
                            java.util.Set<String> excludedProtocols) {

    public BeaconOptions {
        double sum = timestampWeight + dataSizeWeight + histogramWeight + durationWeight;
        if (Math.abs(sum - 1) > 1e-9 || timestampWeight < 0 || dataSizeWeight < 0 || histogramWeight < 0
                || durationWeight < 0) {
            throw new IllegalArgumentException("the four beacon weights must be ≥ 0 and sum to 1 (they sum to " + sum + ")");
        }
        if (minConnections < 4) {
            throw new IllegalArgumentException("minConnections must be ≥ 4 (three intervals are needed for quartiles)");
        }
        excludedProtocols = java.util.Set.copyOf(excludedProtocols);
        if (windowSeconds < binSeconds) {
            throw new IllegalArgumentException("the window must be at least one bin wide");
        }
        if (binSeconds < 1 || durationMinBins < 1 || durationIdealRun < 1 || bimodalMinBins < 1) {
            throw new IllegalArgumentException("bin width and bin counts must be ≥ 1");
        }
    }

    /** RITA 5's defaults: the last 24 hours in hourly bins, weights ¼ each, every protocol scored. */
    public static BeaconOptions rita() {
        return new BeaconOptions(4, 86_400, 0.25, 0.25, 0.25, 0.25, 3600, 0.05, 1, 11, 6, 12, java.util.Set.of());
    }

    /**
     * RITA's defaults without NTP: an NTP client polls its servers on a fixed power-of-two interval
     * by design (RFC 5905), so every host's time sync would top the ranking as a perfect beacon.
     */
    public static BeaconOptions defaults() {
        return rita().withExcludedProtocols(java.util.Set.of("ntp"));
    }

    public BeaconOptions withExcludedProtocols(java.util.Set<String> protocols) {
        return new BeaconOptions(minConnections, windowSeconds, timestampWeight, dataSizeWeight, histogramWeight,
                durationWeight, binSeconds, modeSensitivity, bimodalOutlierBins, bimodalMinBins, durationMinBins,
                durationIdealRun, protocols);
    }

    public BeaconOptions withWindowSeconds(long seconds) {
        return new BeaconOptions(minConnections, seconds, timestampWeight, dataSizeWeight, histogramWeight,
                durationWeight, binSeconds, modeSensitivity, bimodalOutlierBins, bimodalMinBins, durationMinBins,
                durationIdealRun, excludedProtocols);
    }
}
