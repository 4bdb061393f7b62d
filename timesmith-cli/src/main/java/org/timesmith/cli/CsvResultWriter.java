package org.timesmith.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.timesmith.core.search.StoredEvent;

/** RFC 4180 CSV with a header row; with Timesketch's columns first it can be imported again. */
final class CsvResultWriter implements ResultWriter {

    private final CsvWriter csv;
    private final List<String> fields;

    CsvResultWriter(PrintWriter out, List<String> fields) {
        this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
        this.fields = List.copyOf(fields);
        csv.writeRecord(this.fields);
    }

    @Override
    public void write(StoredEvent event) {
        csv.writeRecord(fields.stream().map(field -> ResultWriter.text(event.source(), field)).toList());
    }

    @Override
    public void close() {
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
