package org.timesmith.analysis.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses k for k-means by the elbow of the within-cluster sum of squares (WCSS) curve, with the
 * silhouette as a cross-check. The rule ("kneedle" on the normalised curve): cluster for
 * k = 1…kMax, scale k and WCSS(k) to [0, 1], and pick the k whose point lies farthest below the
 * straight line from (1, WCSS(1)) to (kMax, WCSS(kMax)). k is 1 instead when WCSS(1) is 0 (all
 * points equal), when that k explains less than {@link #MIN_GAIN} of WCSS(1), or when the silhouette
 * cross-check fails: the mean silhouette at that k is below {@link #MIN_SILHOUETTE} (under
 * "reasonable structure" on Kaufman and Rousseeuw's scale), since the WCSS curve of a single blob
 * has a knee too.
 *
 * @param k            the chosen k
 * @param wcss         WCSS(k) for k = 1…kMax (index 0 is k = 1)
 * @param silhouettes  mean silhouette for k = 1…kMax (0 for k = 1)
 * @param silhouetteK  the k with the best silhouette (1 if none reaches 0.25), for comparison
 */
public record ElbowSelection(int k, List<Double> wcss, List<Double> silhouettes, int silhouetteK,
                             KMeans.Clustering clustering) {

    public ElbowSelection {
        wcss = List.copyOf(wcss);
        silhouettes = List.copyOf(silhouettes);
    }

    /** Below this share of WCSS(1) explained by the best k, the points are one group. */
    public static final double MIN_GAIN = 0.5;
    /** Below this mean silhouette the elbow's k is not taken as real structure. */
    public static final double MIN_SILHOUETTE = 0.5;

    public static ElbowSelection choose(List<double[]> points, int kMax, KMeans kMeans) {
        int max = Math.max(1, Math.min(kMax, points.size()));
        List<KMeans.Clustering> clusterings = new ArrayList<>();
        List<Double> wcss = new ArrayList<>();
        List<Double> silhouettes = new ArrayList<>();
        for (int k = 1; k <= max; k++) {
            KMeans.Clustering c = kMeans.cluster(points, k);
            clusterings.add(c);
            wcss.add(c.wcss());
            silhouettes.add(KMeans.silhouette(points, c));
        }
        int chosen = elbow(wcss);
        if (chosen > 1 && chosen < points.size() && silhouettes.get(chosen - 1) < MIN_SILHOUETTE) {
            chosen = 1;
        }
        int silhouetteK = 1;
        double bestSilhouette = 0.25;
        for (int k = 2; k <= max; k++) {
            if (silhouettes.get(k - 1) > bestSilhouette) {
                bestSilhouette = silhouettes.get(k - 1);
                silhouetteK = k;
            }
        }
        return new ElbowSelection(chosen, wcss, silhouettes, silhouetteK, clusterings.get(chosen - 1));
    }

    static int elbow(List<Double> wcss) {
        int max = wcss.size();
        double first = wcss.getFirst();
        if (max < 3 || first <= 0) {
            // with two candidates there is no elbow: split only if the split explains most of the spread
            return max == 2 && first > 0 && 1 - wcss.get(1) / first >= MIN_GAIN ? 2 : 1;
        }
        double last = wcss.getLast();
        double range = first - last;
        if (range <= 0) {
            return 1;
        }
        int best = 1;
        double bestGap = 0;
        for (int k = 1; k <= max; k++) {
            double x = (k - 1) / (double) (max - 1);
            double y = (wcss.get(k - 1) - last) / range;
            double gap = (1 - x) - y; // the chord runs from (0, 1) to (1, 0)
            if (gap > bestGap + 1e-12) {
                bestGap = gap;
                best = k;
            }
        }
        return 1 - wcss.get(best - 1) / first >= MIN_GAIN ? best : 1;
    }
}
