package org.timesmith.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansTest {

    /** Three tight, well-separated groups of {@code perGroup} points in 5 dimensions. */
    static List<double[]> threeGroups(int perGroup, long seed) {
        Random random = new Random(seed);
        double[][] centres = {{0, 0, 0, 0, 0}, {20, 20, 0, 0, 0}, {0, 40, 40, 10, 0}};
        List<double[]> points = new ArrayList<>();
        for (double[] centre : centres) {
            for (int i = 0; i < perGroup; i++) {
                double[] p = new double[centre.length];
                for (int j = 0; j < p.length; j++) {
                    p[j] = centre[j] + random.nextGaussian();
                }
                points.add(p);
            }
        }
        return points;
    }

    @Test
    void theSameSeedGivesTheSameClustering() {
        List<double[]> points = threeGroups(20, 1);
        KMeans.Clustering a = new KMeans(42, 5, 100).cluster(points, 4);
        KMeans.Clustering b = new KMeans(42, 5, 100).cluster(points, 4);
        assertThat(a.assignment()).isEqualTo(b.assignment());
        assertThat(a.wcss()).isEqualTo(b.wcss());
        for (int c = 0; c < 4; c++) {
            assertThat(a.centroid(c)).isEqualTo(b.centroid(c));
        }
    }

    @Test
    void elbowPicksThreeOnThreeSeparatedGroupsAndSilhouetteAgrees() {
        ElbowSelection selection = ElbowSelection.choose(threeGroups(15, 3), 8, new KMeans());
        assertThat(selection.k()).isEqualTo(3);
        assertThat(selection.silhouetteK()).isEqualTo(3);
        assertThat(selection.wcss()).hasSize(8);
        int[] assignment = selection.clustering().assignment();
        for (int group = 0; group < 3; group++) {
            int first = assignment[group * 15];
            assertThat(Arrays.copyOfRange(assignment, group * 15, group * 15 + 15)).containsOnly(first);
        }
        assertThat(Arrays.stream(assignment).distinct().count()).isEqualTo(3);
    }

    @Test
    void oneBlobIsOneCluster() {
        Random random = new Random(5);
        List<double[]> blob = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            blob.add(new double[] {random.nextGaussian(), random.nextGaussian()});
        }
        assertThat(ElbowSelection.choose(blob, 8, new KMeans()).k()).isEqualTo(1);
        List<double[]> same = List.of(new double[] {1, 1}, new double[] {1, 1}, new double[] {1, 1});
        assertThat(ElbowSelection.choose(same, 3, new KMeans()).k()).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new KMeans().cluster(List.of(), 1)).hasMessageContaining("at least one point");
        assertThatThrownBy(() -> new KMeans().cluster(List.of(new double[] {1}), 2)).hasMessageContaining("k = 2 must be 1…1");
        assertThatThrownBy(() -> new KMeans().cluster(List.of(new double[] {1}, new double[] {1, 2}), 1))
                .hasMessageContaining("dimensions");
    }
}
