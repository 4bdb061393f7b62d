package org.timesmith.analysis.traffic;

import java.time.Instant;
import java.util.List;

/**
 * A source → destination pair scored for beaconing (see {@link BeaconDetector} for the rules):
 * {@code score} in [0, 1] is the mean over the scored windows of the weighted mean of the four
 * sub-scores; the sub-scores and statistics are those of the latest window in which the pair was scored.
 *
 * @param windowScores        the score in each window, latest first (0 where the pair had too few connections)
 * @param connections         connections in the windows where the pair was scored
 * @param modeIntervalSeconds the most frequent gap between connections
 * @param modeBytes           the most frequent connection size
 * @param activeBins          histogram bins (hours by default) with at least one connection
 */
public record Beacon(String source, String destination, List<String> protocols, long connections, Instant first,
                     Instant last, double score, List<Double> windowScores, double timestampScore, double dataSizeScore, double histogramScore,
                     double durationScore, double intervalSkew, double intervalMad, double sizeSkew, double sizeMad,
                     long modeIntervalSeconds, long modeBytes, int activeBins) {

    public Beacon {
        protocols = List.copyOf(protocols);
        windowScores = List.copyOf(windowScores);
    }
}
