package org.timesmith.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.timesmith.core.ingest.ImportSummary;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStore;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * Timesmith through its {@link EventStore} SPI, called in-process as the CLI and the server do: by
 * default the embedded Lucene store; {@code OpenSearchBench} gives it the OpenSearch store.
 */
final class TimesmithEngine implements Engine {

    private final String name;
    private final EventStore store;
    private final Path directory;
    private final String dataSource;

    TimesmithEngine(Path directory) {
        this("Timesmith", new LuceneEventStore(directory), directory, "bench-timesmith");
    }

    /**
     * @param directory  where the store keeps its files (for the index size)
     * @param dataSource the normaliser's data source, from which the event ids derive
     */
    TimesmithEngine(String name, EventStore store, Path directory, String dataSource) {
        this.name = name;
        this.store = store;
        this.directory = directory;
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long ingest(Path csv) throws IOException {
        return importInto(Workload.INDEX, csv);
    }

    @Override
    public void warmUp(Path csv) throws IOException {
        importInto(Workload.WARM_UP_INDEX, csv);
        store.deleteIndex(Workload.WARM_UP_INDEX);
    }

    private long importInto(String index, Path csv) throws IOException {
        store.createIndex(index);
        ImportSummary summary;
        try (BulkWriter writer = store.bulkWriter(index)) {
            summary = Workload.importCsv(csv, writer, dataSource);
        }
        store.refresh(index);
        return summary.indexed();
    }

    @Override
    public long indexBytes() throws IOException {
        return Workload.directorySize(directory);
    }

    @Override
    public List<Query> queries() {
        SearchRequest all = SearchRequest.builder(Workload.INDEX).build();
        return List.of(
                new Query("full-text query string", () -> store.search(all.toBuilder()
                        .query(Workload.QUERY_STRING).size(Workload.PAGE).build()).total()),
                new Query("term + time range", () -> store.search(all.toBuilder()
                        .filter(new Filter.Term(Workload.TERM_FIELD, Workload.TERM_VALUE, false))
                        .filter(new Filter.TimeRange(Workload.RANGE_START, Workload.RANGE_END, false))
                        .size(Workload.PAGE).build()).total()),
                new Query("terms aggregation", () -> {
                    AggregationResult.Terms terms = (AggregationResult.Terms) store.aggregate(all,
                            new Aggregation.Terms(Workload.TERMS_FIELD, Workload.TERMS_SIZE));
                    return terms.buckets().getFirst().count();
                }),
                new Query("hourly date histogram", () -> ((AggregationResult.DateHistogram) store.aggregate(all,
                        new Aggregation.DateHistogram(Optional.of(Workload.HOUR_MICROS), 10_000))).buckets().size()),
                new Query("first 500 by time", () -> store.search(all.toBuilder()
                        .size(Workload.FIRST).build()).hits().size()));
    }

    @Override
    public void close() {
        store.close();
    }
}
