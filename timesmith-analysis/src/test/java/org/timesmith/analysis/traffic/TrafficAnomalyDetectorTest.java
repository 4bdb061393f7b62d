package org.timesmith.analysis.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrafficAnomalyDetectorTest {

    /** 30 days of an office-hours pattern with noise; day 17 has a burst from 02:00 to 03:00. */
    static TrafficSeries officeMonth() {
        Random random = new Random(11);
        List<LocalDate> days = new ArrayList<>();
        double[][] values = new double[30][96];
        for (int d = 0; d < 30; d++) {
            days.add(LocalDate.of(2024, 6, 1).plusDays(d));
            for (int s = 0; s < 96; s++) {
                double base = s >= 32 && s < 72 ? 400 : 40;
                values[d][s] = Math.round(base * (1 + 0.1 * random.nextGaussian()));
            }
        }
        for (int s = 8; s < 12; s++) {
            values[17][s] = 5000;
        }
        return new TrafficSeries(new SeriesKey("total", Direction.ALL), TrafficMetric.CONNECTIONS, 15, days, values);
    }

    @Test
    void theDayWithANightBurstIsTheMostAnomalousAndItsWindowIsFound() {
        SeriesAnalysis analysis = new TrafficAnomalyDetector(AnomalyOptions.defaults()).analyse(officeMonth()).orElseThrow();
        DayAnomaly worst = analysis.days().stream().max((a, b) -> Double.compare(a.score(), b.score())).orElseThrow();
        assertThat(worst.day()).isEqualTo(LocalDate.of(2024, 6, 18));
        assertThat(worst.score()).isGreaterThan(AnomalyOptions.defaults().dayThreshold());
        assertThat(analysis.days().stream().filter(d -> !d.day().equals(worst.day())))
                .allSatisfy(d -> assertThat(d.score()).isLessThan(worst.score() / 2));
        WindowAnomaly top = analysis.windows().stream().max((a, b) -> Double.compare(a.score(), b.score())).orElseThrow();
        assertThat(top.day()).isEqualTo(LocalDate.of(2024, 6, 18));
        assertThat(top.fromSlot()).isLessThanOrEqualTo(12);
        assertThat(top.toSlot()).isGreaterThanOrEqualTo(8);
        assertThat(top.toSlot() - top.fromSlot()).isLessThanOrEqualTo(32);
    }

    @Test
    void theAnalysisIsDeterministic() {
        TrafficAnomalyDetector detector = new TrafficAnomalyDetector(AnomalyOptions.defaults().withWavelet("haar", Optional.of(4)));
        SeriesAnalysis a = detector.analyse(officeMonth()).orElseThrow();
        SeriesAnalysis b = detector.analyse(officeMonth()).orElseThrow();
        assertThat(a.days()).isEqualTo(b.days());
        assertThat(a.windows()).isEqualTo(b.windows());
        assertThat(a.level()).isEqualTo(4);
    }

    @Test
    void incompleteDaysAreSkippedUnlessAskedFor() {
        TrafficSeries month = officeMonth();
        double[][] values = month.values();
        values[3][50] = Double.NaN;
        TrafficSeries gap = new TrafficSeries(month.key(), month.metric(), 15, month.days(), values);
        SeriesAnalysis skipping = new TrafficAnomalyDetector(AnomalyOptions.defaults()).analyse(gap).orElseThrow();
        assertThat(skipping.skippedIncompleteDays()).containsExactly(LocalDate.of(2024, 6, 4));
        assertThat(skipping.days()).hasSize(29);
        SeriesAnalysis including = new TrafficAnomalyDetector(AnomalyOptions.defaults().withIncompleteDays(true))
                .analyse(gap).orElseThrow();
        assertThat(including.days()).hasSize(30).filteredOn(DayAnomaly::incomplete).singleElement()
                .extracting(DayAnomaly::day).isEqualTo(LocalDate.of(2024, 6, 4));
    }

    @Test
    void aSeriesWithoutTrafficIsNotAnalysed() {
        TrafficSeries empty = new TrafficSeries(new SeriesKey("ssh", Direction.ALL), TrafficMetric.BYTES, 15,
                List.of(LocalDate.of(2024, 1, 1)), new double[1][96]);
        assertThat(new TrafficAnomalyDetector(AnomalyOptions.defaults()).analyse(empty)).isEmpty();
    }
}
