package org.timesmith.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timesmith.core.search.StoredEvent;

/** One JSON object per line: the event's source, or only the requested fields. */
final class JsonlResultWriter implements ResultWriter {

    private final PrintWriter out;
    private final List<String> fields;

    JsonlResultWriter(PrintWriter out, List<String> fields) {
        this.out = out;
        this.fields = List.copyOf(fields);
    }

    @Override
    public void write(StoredEvent event) {
        Map<String, Object> document = event.source();
        if (!fields.isEmpty()) {
            document = new LinkedHashMap<>();
            for (String field : fields) {
                document.put(field, ResultWriter.valueAt(event.source(), field));
            }
        }
        out.println(JSON.writeValueAsString(document));
    }

    @Override
    public void close() {
        out.flush();
    }
}
