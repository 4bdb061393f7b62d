package org.timesmith.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.timesmith.analysis.traffic.Direction;
import org.timesmith.analysis.traffic.SeriesKey;
import org.timesmith.analysis.traffic.TrafficMetric;
import org.timesmith.analysis.traffic.TrafficSeries;
import org.timesmith.analysis.traffic.TrafficSeriesBuilder;
import org.timesmith.analysis.traffic.TrafficSeriesSet;

/**
 * The traffic series as CSV, one row per series, metric and day ({@code protocol,direction,metric,day}
 * then one column per slot, empty for a slot in which nothing was seen): the report's
 * {@code series.csv}, and the stored state of incremental runs ({@code --state}), which the next run
 * loads back before it reads the days that followed.
 */
final class SeriesCsv {

    static final String FILE = "series.csv";

    private SeriesCsv() {
    }

    static void write(TrafficSeriesSet set, Path file) throws IOException {
        int slots = set.config().slotsPerDay();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("protocol,direction,metric,day");
            for (int s = 0; s < slots; s++) {
                int minutes = s * set.config().slotMinutes();
                header.append(String.format(Locale.ROOT, ",%02d:%02d", minutes / 60, minutes % 60));
            }
            w.write(header + "\n");
            for (TrafficSeries series : set.series()) {
                double[][] values = series.values();
                for (int d = 0; d < values.length; d++) {
                    StringBuilder line = new StringBuilder();
                    line.append(series.key().protocol()).append(',').append(series.key().direction()).append(',')
                            .append(series.metric()).append(',').append(series.days().get(d));
                    for (double v : values[d]) {
                        line.append(',').append(Double.isNaN(v) ? "" : Long.toString((long) v));
                    }
                    w.write(line + "\n");
                }
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Loads a stored {@code series.csv} into the builder; returns its last day, or empty when the file
     * does not exist. A file that is not such a CSV (or was written with another slot width) is an
     * error naming the line, never a partial load.
     */
    static Optional<LocalDate> load(Path file, TrafficSeriesBuilder builder) {
        record Cell(SeriesKey key, LocalDate day, int slot, TrafficMetric metric, long value) {
        }
        List<Cell> cells = new ArrayList<>();
        LocalDate last = null;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("protocol,direction,metric,day,")) {
                throw new IllegalArgumentException(file + " is not a series.csv of the traffic report (its header is '"
                        + (header == null ? "" : header.substring(0, Math.min(60, header.length()))) + "')");
            }
            int slots = header.split(",", -1).length - 4;
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] columns = line.split(",", -1);
                try {
                    if (columns.length != slots + 4) {
                        throw new IllegalArgumentException(columns.length + " columns, the header has " + (slots + 4));
                    }
                    SeriesKey key = new SeriesKey(columns[0], Direction.valueOf(columns[1]));
                    TrafficMetric metric = TrafficMetric.valueOf(columns[2]);
                    LocalDate day = LocalDate.parse(columns[3]);
                    last = last == null || day.isAfter(last) ? day : last;
                    for (int s = 0; s < slots; s++) {
                        if (!columns[s + 4].isEmpty()) {
                            cells.add(new Cell(key, day, s, metric, Long.parseLong(columns[s + 4])));
                        }
                    }
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (" + e.getMessage() + ")", e);
        }
        for (Cell cell : cells) {
            builder.addCount(cell.key(), cell.day(), cell.slot(), cell.metric(), cell.value());
        }
        return Optional.ofNullable(last);
    }
}
