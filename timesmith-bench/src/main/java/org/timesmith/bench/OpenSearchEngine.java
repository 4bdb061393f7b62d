package org.timesmith.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.timesmith.core.ingest.ImportSummary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real single OpenSearch node in a JVM of its own ({@link OpenSearchProcess}), an index mapped like
 * Timesketch's (message text, datetime date, timestamp long, other strings text with a keyword
 * sub-field, tag keyword, timesketch_label nested), loaded and queried over HTTP as Timesketch does.
 */
final class OpenSearchEngine implements Engine {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MAPPING = """
            {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
             "mappings": {"properties": {
               "message": {"type": "text"},
               "datetime": {"type": "date"},
               "timestamp": {"type": "long"},
               "tag": {"type": "keyword"},
               "timesketch_label": {"type": "nested"}}}}""";

    private final Path directory;
    private final OpenSearchProcess node;

    OpenSearchEngine(Path directory) throws IOException {
        this.directory = directory;
        this.node = new OpenSearchProcess(directory);
        request("PUT", "/" + Workload.INDEX, MAPPING);
    }

    @Override
    public String name() {
        return "OpenSearch";
    }

    @Override
    public long ingest(Path csv) throws IOException {
        return importInto(Workload.INDEX, csv);
    }

    @Override
    public void warmUp(Path csv) throws IOException {
        request("PUT", "/" + Workload.WARM_UP_INDEX, MAPPING);
        importInto(Workload.WARM_UP_INDEX, csv);
        request("DELETE", "/" + Workload.WARM_UP_INDEX, null);
    }

    private long importInto(String index, Path csv) throws IOException {
        ImportSummary summary;
        try (OpenSearchBulkWriter writer = new OpenSearchBulkWriter(node.http(), node.base(), index)) {
            summary = Workload.importCsv(csv, writer, "bench-opensearch");
        }
        request("POST", "/" + index + "/_refresh", null);
        return summary.indexed();
    }

    @Override
    public long indexBytes() throws IOException {
        request("POST", "/" + Workload.INDEX + "/_flush", null);
        return Workload.directorySize(directory.resolve("node_1").resolve("data"));
    }

    @Override
    public List<Query> queries() {
        String sort = "\"sort\": [{\"datetime\": \"asc\"}], \"track_total_hits\": true";
        String search = "/" + Workload.INDEX + "/_search";
        return List.of(
                new Query("full-text query string", () -> request("POST", search, """
                        {"query": {"query_string": {"query": %s, "default_operator": "AND"}}, "size": %d, %s}"""
                        .formatted(JSON.writeValueAsString(Workload.QUERY_STRING), Workload.PAGE, sort)).path("hits").path("total").path("value").asLong()),
                new Query("term + time range", () -> request("POST", search, """
                        {"query": {"bool": {"filter": [{"term": {"%s.keyword": "%s"}},
                          {"range": {"timestamp": {"gte": %d, "lte": %d}}}]}}, "size": %d, %s}"""
                        .formatted(Workload.TERM_FIELD, Workload.TERM_VALUE, Workload.RANGE_START, Workload.RANGE_END,
                                Workload.PAGE, sort)).path("hits").path("total").path("value").asLong()),
                new Query("terms aggregation", () -> request("POST", search, """
                        {"size": 0, "aggs": {"top": {"terms": {"field": "%s.keyword", "size": %d}}}}"""
                        .formatted(Workload.TERMS_FIELD, Workload.TERMS_SIZE))
                        .path("aggregations").path("top").path("buckets").path(0).path("doc_count").asLong()),
                new Query("hourly date histogram", () -> request("POST", search, """
                        {"size": 0, "aggs": {"hours": {"date_histogram": {"field": "datetime", "fixed_interval": "1h"}}}}""")
                        .path("aggregations").path("hours").path("buckets").size()),
                new Query("first 500 by time", () -> request("POST", search, """
                        {"query": {"match_all": {}}, "size": %d, %s}""".formatted(Workload.FIRST, sort))
                        .path("hits").path("hits").size()));
    }

    @Override
    public HeapProbe heapProbe() {
        return node.heapProbe();
    }

    @Override
    public long ownProcessCpuNanos() {
        return node.cpuNanos();
    }

    private JsonNode request(String method, String path, String body) {
        return node.request(method, path, body);
    }

    @Override
    public void close() throws IOException {
        node.close();
    }
}
