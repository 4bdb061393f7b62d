package org.timesmith.server.explore;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.server.api.Times;
import tools.jackson.databind.ObjectMapper;

/**
 * The explore exports: the contract's ZIP (§10.7) with {@code METADATA} (the query and who ran it)
 * and {@code query_results.csv}, and the web UI's plain CSV and JSON Lines downloads. Every match is
 * streamed from the store, so memory does not grow with the number of results.
 */
@Component
public class ExportWriter {

    private final EventStore store;
    private final ObjectMapper json;
    private final Times times;

    public ExportWriter(EventStore store, ObjectMapper json, Times times) {
        this.store = store;
        this.json = json;
        this.times = times;
    }

    public void write(ExploreQuery query, OutputStream out) throws IOException {
        List<String> columns = columns(query);
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry("METADATA"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("created_at", times.now());
        metadata.put("created_by", query.access().user().username());
        metadata.put("sketch", query.access().sketchId());
        metadata.put("query", query.body().path("query").asString(""));
        metadata.put("query_dsl", query.body().get("dsl"));
        metadata.put("query_filter", query.body().get("filter"));
        metadata.put("return_fields", columns);
        zip.write(json.writeValueAsBytes(metadata));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("query_results.csv"));
        writeCsv(query, columns, zip);
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    /** Every match of the query as CSV (streamed; {@code out} is flushed, not closed). */
    public void writeCsv(ExploreQuery query, OutputStream out) throws IOException {
        writeCsv(query, columns(query), out);
    }

    private void writeCsv(ExploreQuery query, List<String> columns, OutputStream out) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().build(text);
        csv.writeRecord(columns);
        long sketchId = query.access().sketchId();
        try (EventStream events = store.stream(query.unpaged().toBuilder()
                .fields(ExploreSearch.storeFields(query.fields())).build())) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                List<String> row = new ArrayList<>(columns.size());
                for (String column : columns) {
                    Object value = switch (column) {
                        case "_id" -> event.id();
                        case "_index" -> event.index();
                        case "label" -> String.join(",", ExploreSearch.labels(event, sketchId));
                        default -> event.source().get(column);
                    };
                    row.add(cell(value));
                }
                csv.writeRecord(row);
            }
        }
        csv.flush();
        text.flush();
    }

    /**
     * Every match of the query as JSON Lines, one event a line: {@code _id}, {@code _index}, the
     * event's fields and {@code label} (this sketch's labels; the raw label list stays out, as in
     * the CSV). {@code out} is flushed, not closed.
     */
    public void writeJsonl(ExploreQuery query, OutputStream out) throws IOException {
        long sketchId = query.access().sketchId();
        try (EventStream events = store.stream(query.unpaged().toBuilder()
                .fields(ExploreSearch.storeFields(query.fields())).build())) {
            while (events.hasNext()) {
                StoredEvent event = events.next();
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("_id", event.id());
                line.put("_index", event.index());
                event.source().forEach((field, value) -> {
                    if (!field.equals(Event.LABEL)) {
                        line.put(field, value);
                    }
                });
                line.put("label", ExploreSearch.labels(event, sketchId));
                out.write(json.writeValueAsBytes(line));
                out.write('\n');
            }
        }
        out.flush();
    }

    private List<String> columns(ExploreQuery query) {
        List<String> columns = new ArrayList<>();
        List<String> fields = query.fields().isEmpty()
                ? new ArrayList<>(store.fieldNames(query.timelinesByIndex().keySet()).stream()
                .filter(f -> !f.contains(".") || !f.startsWith(Event.LABEL)).map(f -> f.split("\\.")[0]).distinct().toList())
                : query.fields();
        for (String field : fields) {
            if (!field.equals(Event.LABEL) && !field.equals("_id") && !field.equals("_index") && !field.equals("label")
                    && !columns.contains(field)) {
                columns.add(field);
            }
        }
        columns.add("label");
        columns.add("_id");
        columns.add("_index");
        return columns;
    }

    private String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return json.writeValueAsString(value);
        }
        return String.valueOf(value);
    }
}
