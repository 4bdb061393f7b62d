package org.timesmith.analysis.traffic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means with k-means++ seeding from a fixed seed, so the same points give the same
 * clusters on every run and machine. Several seedings ({@code restarts}) are tried and the one with
 * the lowest within-cluster sum of squares is kept; ties keep the first. Euclidean distance.
 */
public final class KMeans {

    private final long seed;
    private final int restarts;
    private final int maxIterations;

    public KMeans(long seed, int restarts, int maxIterations) {
        if (restarts < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("restarts and maxIterations must be ≥ 1");
        }
        this.seed = seed;
        this.restarts = restarts;
        this.maxIterations = maxIterations;
    }

    public KMeans() {
        this(18L, 10, 300);
    }

    /** A clustering: centroid per cluster, cluster per point, and the within-cluster sum of squares. */
    public record Clustering(int k, List<double[]> centroids, int[] assignment, double wcss) {
        public Clustering {
            centroids = centroids.stream().map(double[]::clone).toList();
            assignment = assignment.clone();
        }

        @Override
        public int[] assignment() {
            return assignment.clone();
        }

        @Override
        public List<double[]> centroids() {
            return centroids.stream().map(double[]::clone).toList();
        }

        public int size(int cluster) {
            return (int) Arrays.stream(assignment).filter(a -> a == cluster).count();
        }

        public double[] centroid(int cluster) {
            return centroids.get(cluster).clone();
        }
    }

    public Clustering cluster(List<double[]> points, int k) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("k-means needs at least one point");
        }
        if (k < 1 || k > points.size()) {
            throw new IllegalArgumentException("k = " + k + " must be 1…" + points.size() + " (the number of points)");
        }
        int dims = points.getFirst().length;
        for (double[] p : points) {
            if (p.length != dims) {
                throw new IllegalArgumentException("all points need " + dims + " dimensions");
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        Clustering best = null;
        for (int r = 0; r < restarts; r++) {
            Clustering c = lloyd(points, seeds(points, k, random.split()));
            if (best == null || c.wcss() < best.wcss() - 1e-12 * Math.max(1, best.wcss())) {
                best = c;
            }
        }
        return best;
    }

    /** k-means++: the first centre uniformly, each next one with probability ∝ squared distance. */
    private static List<double[]> seeds(List<double[]> points, int k, SplittableRandom random) {
        List<double[]> centres = new ArrayList<>();
        centres.add(points.get(random.nextInt(points.size())).clone());
        double[] d2 = new double[points.size()];
        while (centres.size() < k) {
            double total = 0;
            for (int i = 0; i < points.size(); i++) {
                double nearest = Double.MAX_VALUE;
                for (double[] c : centres) {
                    nearest = Math.min(nearest, squaredDistance(points.get(i), c));
                }
                d2[i] = nearest;
                total += nearest;
            }
            int chosen;
            if (total == 0) {
                chosen = random.nextInt(points.size()); // every point is on a centre already
            } else {
                double target = random.nextDouble() * total;
                chosen = points.size() - 1;
                for (int i = 0; i < points.size(); i++) {
                    target -= d2[i];
                    if (target < 0) {
                        chosen = i;
                        break;
                    }
                }
            }
            centres.add(points.get(chosen).clone());
        }
        return centres;
    }

    private Clustering lloyd(List<double[]> points, List<double[]> centres) {
        int k = centres.size();
        int dims = points.getFirst().length;
        int[] assignment = new int[points.size()];
        Arrays.fill(assignment, -1);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            boolean changed = false;
            for (int i = 0; i < points.size(); i++) {
                int nearest = nearest(points.get(i), centres);
                if (nearest != assignment[i]) {
                    assignment[i] = nearest;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sums = new double[k][dims];
            int[] counts = new int[k];
            for (int i = 0; i < points.size(); i++) {
                counts[assignment[i]]++;
                double[] p = points.get(i);
                for (int j = 0; j < dims; j++) {
                    sums[assignment[i]][j] += p[j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    // an empty cluster takes the point farthest from its centre, so k stays k
                    int farthest = 0;
                    double worst = -1;
                    for (int i = 0; i < points.size(); i++) {
                        double d = squaredDistance(points.get(i), centres.get(assignment[i]));
                        if (d > worst && counts[assignment[i]] > 1) {
                            worst = d;
                            farthest = i;
                        }
                    }
                    counts[assignment[farthest]]--;
                    assignment[farthest] = c;
                    centres.set(c, points.get(farthest).clone());
                } else {
                    for (int j = 0; j < dims; j++) {
                        sums[c][j] /= counts[c];
                    }
                    centres.set(c, sums[c]);
                }
            }
        }
        double wcss = 0;
        for (int i = 0; i < points.size(); i++) {
            wcss += squaredDistance(points.get(i), centres.get(assignment[i]));
        }
        return new Clustering(k, centres, assignment, wcss);
    }

    static int nearest(double[] point, List<double[]> centres) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < centres.size(); c++) {
            double d = squaredDistance(point, centres.get(c));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /** Mean silhouette over all points (0 for k = 1 or k = n, where it is undefined). */
    public static double silhouette(List<double[]> points, Clustering clustering) {
        int k = clustering.k();
        int n = points.size();
        if (k < 2 || k >= n) {
            return 0;
        }
        int[] assignment = clustering.assignment;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum[assignment[j]] += Math.sqrt(squaredDistance(points.get(i), points.get(j)));
                    count[assignment[j]]++;
                }
            }
            int own = assignment[i];
            if (count[own] == 0) {
                continue; // a singleton's silhouette is 0 by convention
            }
            double a = sum[own] / count[own];
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != own && count[c] > 0) {
                    b = Math.min(b, sum[c] / count[c]);
                }
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / n;
    }
}
