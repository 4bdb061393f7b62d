package org.timesmith.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.timesmith.analysis.traffic.Cidr;
import org.timesmith.analysis.traffic.Connection;
import org.timesmith.analysis.traffic.Direction;
import org.timesmith.analysis.traffic.SeriesKey;
import org.timesmith.analysis.traffic.TrafficAnalysis;
import org.timesmith.analysis.traffic.TrafficConfig;
import org.timesmith.analysis.traffic.TrafficMetric;
import org.timesmith.analysis.traffic.TrafficSeriesBuilder;
import org.timesmith.store.opensearch.ClusterReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The traffic report's input from an OpenSearch or Elasticsearch index Timesmith did not write
 * ({@code timesmith traffic report --es-url … --index …}), as the seed project read its network logs.
 * The series are <b>aggregated in the cluster</b>, never pulled as documents: composite aggregations
 * of a date histogram (the slots, in the report's time zone) × the protocol, with the byte sums,
 * the distinct source→destination pairs (a cardinality aggregation, exact up to
 * {@value #EXACT_PAIRS} pairs per slot and series, then within about 1 %: exact counting in the cluster
 * would cost a bucket per pair) and a {@code filters} split by direction, once per protocol and
 * once for {@code total}. The direction split needs to know which addresses are internal: the
 * distinct sources and destinations are listed (composite aggregations) and classified here by the
 * configured CIDRs, then sent back as {@code terms} filters, so it works for {@code ip} and for
 * keyword fields alike. Beacons need each connection's time and size, which no aggregation gives: for
 * them only those fields are read (doc values, a scroll), unless beacons are turned off.
 *
 * <p>Events are accounted as the streamed report does: read = accepted + rejected, where a rejected
 * event lacks the time, a protocol, the source or the destination, or has an address that is not an
 * IP literal.
 */
final class IndexTrafficSource {

    /** Largest {@code terms} filter sent; a cluster refuses more than 65,536 by default. */
    static final int MAX_TERMS = 65_536;
    /** Buckets per composite page; each carries five cardinality sketches of 16 KiB (precision 14). */
    private static final int PAGE = 500;
    /** Distinct pairs a slot counts exactly (beyond it, HyperLogLog++ with about 1 % error). */
    static final int EXACT_PAIRS = 3_000;
    private static final int SCROLL_PAGE = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROTOCOL_SCRIPT = "for (String f : params.fields) { if (doc.containsKey(f) && "
            + "doc[f].size() > 0) { String v = doc[f].value.toString().trim(); if (!v.isEmpty()) { return "
            + "v.toLowerCase(); } } } return '';";
    private static final String PAIR_SCRIPT = "doc[params.s].value + '>' + doc[params.d].value";

    /**
     * Where the fields are in the index.
     *
     * @param query a query string selecting the connection events ({@code *} or blank: every document)
     */
    record Fields(String time, List<String> protocols, String source, String destination, List<String> bytes,
                  String query) {
    }

    /** What a read cost: requests and buckets of the aggregations, connections read for beacons, and the time of each. */
    record Cost(int aggregationRequests, long buckets, long aggregationMillis, long beaconConnections,
                long beaconMillis) {
    }

    private final ClusterReader cluster;
    private final String index;
    private final Fields fields;
    private final TrafficConfig config;
    private final PrintWriter log;
    private int requests;
    private long buckets;

    IndexTrafficSource(ClusterReader cluster, String index, Fields fields, TrafficConfig config, PrintWriter log) {
        this.cluster = cluster;
        this.index = index;
        this.fields = fields;
        this.config = config;
        this.log = log;
    }

    /** Adds the events of {@code [fromMicros, toMicros)} to the analysis: series by aggregation, beacons if asked. */
    Cost read(TrafficAnalysis analysis, long fromMicros, long toMicros, boolean beacons) {
        long started = System.nanoTime();
        Map<String, String> agg = aggregatableNames();
        ObjectNode range = JSON.createObjectNode();
        range.putObject("range").putObject(fields.time()).put("gte", Math.floorDiv(fromMicros, 1000))
                .put("lt", Math.floorDiv(toMicros, 1000)).put("format", "epoch_millis");
        ObjectNode selected = bool();
        if (fields.query() != null && !fields.query().isBlank() && !fields.query().strip().equals("*")) {
            selected.withObjectProperty("bool").withArrayProperty("filter").addObject().putObject("query_string")
                    .put("query", fields.query());
        }
        selected.withObjectProperty("bool").withArrayProperty("filter").add(range);

        ObjectNode complete = selected.deepCopy();
        ArrayNode required = complete.withObjectProperty("bool").withArrayProperty("filter");
        for (String field : List.of(fields.time(), fields.source(), fields.destination())) {
            required.addObject().putObject("exists").put("field", field);
        }
        ObjectNode anyProtocol = required.addObject().putObject("bool");
        fields.protocols().forEach(p -> anyProtocol.withArrayProperty("should").addObject().putObject("exists").put("field", p));
        anyProtocol.put("minimum_should_match", 1);

        Hosts sources = hosts(agg.get(fields.source()), complete);
        Hosts destinations = hosts(agg.get(fields.destination()), complete);
        ObjectNode accepted = complete.deepCopy();
        ArrayNode excluded = accepted.withObjectProperty("bool").withArrayProperty("must_not");
        if (!sources.invalid.isEmpty()) {
            excluded.add(terms(agg.get(fields.source()), sources.invalid));
        }
        if (!destinations.invalid.isEmpty()) {
            excluded.add(terms(agg.get(fields.destination()), destinations.invalid));
        }
        long read = count(selected);
        JsonNode bounds = search(accepted, "the time range", aggs -> {
            aggs.putObject("first").putObject("min").put("field", fields.time());
            aggs.putObject("last").putObject("max").put("field", fields.time());
        }).path("aggregations");
        long acceptedCount = count(accepted);
        TrafficSeriesBuilder series = analysis.series();
        series.countAggregated(read, read - acceptedCount, "missing time, protocol, source or destination, or an "
                + "address that is not an IP literal", (long) (bounds.path("first").path("value").asDouble() * 1000),
                (long) (bounds.path("last").path("value").asDouble() * 1000));

        Map<Direction, JsonNode> directions = directionFilters(agg, sources, destinations);
        String protocolScript = PROTOCOL_SCRIPT;
        List<String> protocolFields = fields.protocols().stream().map(agg::get).toList();
        for (boolean perProtocol : new boolean[] {true, false}) {
            ObjectNode composite = JSON.createObjectNode();
            ArrayNode sourcesNode = composite.putArray("sources");
            sourcesNode.addObject().putObject("slot").putObject("date_histogram").put("field", fields.time())
                    .put("fixed_interval", config.slotMinutes() + "m").put("time_zone", config.zone().getId());
            if (perProtocol) {
                ObjectNode script = sourcesNode.addObject().putObject("protocol").putObject("terms").putObject("script");
                script.put("source", protocolScript).put("lang", "painless");
                protocolFields.forEach(script.putObject("params").putArray("fields")::add);
            }
            ObjectNode metrics = metrics(agg);
            if (!directions.isEmpty()) {
                ObjectNode filters = JSON.createObjectNode();
                directions.forEach((direction, filter) -> filters.set(direction.name(), filter));
                ObjectNode split = metrics.putObject("direction");
                split.putObject("filters").set("filters", filters);
                split.set("aggs", metrics(agg));
            }
            composite(accepted, composite, metrics, bucket -> {
                String protocol = perProtocol ? bucket.path("key").path("protocol").asString("") : SeriesKey.TOTAL;
                if (protocol.isEmpty() || perProtocol && protocol.equals(SeriesKey.TOTAL)) {
                    log.printf(Locale.ROOT, "left out: %,d connections whose protocol is '%s'%n",
                            bucket.path("doc_count").asLong(), protocol);
                    return;
                }
                ZonedDateTime slotStart = Instant.ofEpochMilli(bucket.path("key").path("slot").asLong()).atZone(config.zone());
                int slot = (slotStart.getHour() * 60 + slotStart.getMinute()) / config.slotMinutes();
                add(series, new SeriesKey(protocol, Direction.ALL), slotStart, slot, bucket);
                for (Direction direction : directions.keySet()) {
                    JsonNode split = bucket.path("direction").path("buckets").path(direction.name());
                    if (split.path("doc_count").asLong() > 0) {
                        add(series, new SeriesKey(protocol, direction), slotStart, slot, split);
                    }
                }
            });
        }
        long aggregated = System.nanoTime();
        long connections = beacons ? readBeaconConnections(analysis, agg, accepted, acceptedCount) : 0;
        return new Cost(requests, buckets, (aggregated - started) / 1_000_000, connections,
                (System.nanoTime() - aggregated) / 1_000_000);
    }

    private void add(TrafficSeriesBuilder series, SeriesKey key, ZonedDateTime slotStart, int slot, JsonNode bucket) {
        series.addCount(key, slotStart.toLocalDate(), slot, TrafficMetric.CONNECTIONS, bucket.path("doc_count").asLong());
        long bytes = 0;
        for (int i = 0; i < fields.bytes().size(); i++) {
            bytes += (long) bucket.path("bytes" + i).path("value").asDouble();
        }
        series.addCount(key, slotStart.toLocalDate(), slot, TrafficMetric.BYTES, bytes);
        series.addCount(key, slotStart.toLocalDate(), slot, TrafficMetric.DISTINCT_PEERS,
                bucket.path("peers").path("value").asLong());
    }

    private ObjectNode metrics(Map<String, String> agg) {
        ObjectNode metrics = JSON.createObjectNode();
        for (int i = 0; i < fields.bytes().size(); i++) {
            metrics.putObject("bytes" + i).putObject("sum").put("field", agg.get(fields.bytes().get(i)));
        }
        ObjectNode cardinality = metrics.putObject("peers").putObject("cardinality").put("precision_threshold", EXACT_PAIRS);
        ObjectNode script = cardinality.putObject("script").put("source", PAIR_SCRIPT).put("lang", "painless");
        script.putObject("params").put("s", agg.get(fields.source())).put("d", agg.get(fields.destination()));
        return metrics;
    }

    /** The distinct values of an address field: the internal ones, and those that are not IP literals. */
    private record Hosts(List<String> internal, List<String> invalid, long distinct) {
    }

    private Hosts hosts(String field, JsonNode query) {
        List<String> internal = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        long[] distinct = {0};
        ObjectNode composite = JSON.createObjectNode();
        composite.putArray("sources").addObject().putObject("host").putObject("terms").put("field", field);
        composite(query, composite, null, bucket -> {
            distinct[0]++;
            String host = bucket.path("key").path("host").asString();
            var address = Cidr.address(host);
            if (address.isEmpty()) {
                invalid.add(host);
            } else if (config.internalNetworks().stream().anyMatch(n -> n.contains(address.get()))) {
                internal.add(host);
            }
        });
        if (invalid.size() > MAX_TERMS) {
            throw new IllegalArgumentException(field + " holds " + invalid.size() + " distinct values that are not IP "
                    + "addresses; is it the address field? (--source-field, --destination-field)");
        }
        return new Hosts(internal, invalid, distinct[0]);
    }

    private Map<Direction, JsonNode> directionFilters(Map<String, String> agg, Hosts sources, Hosts destinations) {
        if (sources.internal.size() > MAX_TERMS || destinations.internal.size() > MAX_TERMS) {
            log.printf(Locale.ROOT, "no direction split: more than %,d internal addresses%n", MAX_TERMS);
            return Map.of();
        }
        JsonNode sourceInternal = terms(agg.get(fields.source()), sources.internal);
        JsonNode destinationInternal = terms(agg.get(fields.destination()), destinations.internal);
        Map<Direction, JsonNode> filters = new LinkedHashMap<>();
        for (Direction direction : Direction.values()) {
            if (direction == Direction.ALL) {
                continue;
            }
            boolean fromInside = direction == Direction.INTERNAL_TO_EXTERNAL || direction == Direction.INTERNAL_TO_INTERNAL;
            boolean toInside = direction == Direction.INTERNAL_TO_INTERNAL || direction == Direction.EXTERNAL_TO_INTERNAL;
            ObjectNode filter = bool();
            filter.withObjectProperty("bool").withArrayProperty(fromInside ? "filter" : "must_not").add(sourceInternal);
            filter.withObjectProperty("bool").withArrayProperty(toInside ? "filter" : "must_not").add(destinationInternal);
            filters.put(direction, filter);
        }
        return filters;
    }

    /** Reads time, protocol, addresses and sizes of each accepted connection (doc values only) for the beacon detector. */
    private long readBeaconConnections(TrafficAnalysis analysis, Map<String, String> agg, JsonNode accepted, long total) {
        List<String> protocolKeys = new ArrayList<>();
        List<String> byteKeys = new ArrayList<>();
        ObjectNode body = JSON.createObjectNode().put("size", SCROLL_PAGE).put("_source", false);
        body.set("query", accepted);
        body.putArray("sort").add("_doc");
        ArrayNode docValues = body.putArray("docvalue_fields");
        docValues.addObject().put("field", fields.time()).put("format", "epoch_millis");
        for (String field : List.of(fields.source(), fields.destination())) {
            docValues.add(agg.get(field));
        }
        for (String field : fields.protocols()) {
            docValues.add(agg.get(field));
            protocolKeys.add(agg.get(field));
        }
        for (String field : fields.bytes()) {
            docValues.add(agg.get(field));
            byteKeys.add(agg.get(field));
        }
        TrafficConfig beaconConfig = new TrafficConfig("t", protocolKeys, agg.get(fields.source()),
                agg.get(fields.destination()), byteKeys, "", java.util.Set.of(), config.zone(), config.slotMinutes(),
                config.internalNetworks());
        long readCount = 0;
        try (ReadProgress progress = ReadProgress.start("beacons", total)) {
            JsonNode page = cluster.call("the beacon read of " + index, "POST", "/" + ClusterReader.encode(index)
                    + "/_search", Map.of("scroll", "2m"), body);
            requests++;
            String scrollId = page.path("_scroll_id").asString();
            try {
                while (page.path("hits").path("hits").size() > 0) {
                    for (JsonNode hit : page.path("hits").path("hits")) {
                        Map<String, Object> event = new HashMap<>();
                        Iterator<Map.Entry<String, JsonNode>> values = hit.path("fields").properties().iterator();
                        while (values.hasNext()) {
                            Map.Entry<String, JsonNode> value = values.next();
                            JsonNode first = value.getValue().path(0);
                            event.put(value.getKey(), first.isNumber() ? (Object) first.asLong() : first.asString());
                        }
                        Object millis = event.remove(fields.time());
                        if (millis != null) {
                            event.put("t", (long) (Double.parseDouble(millis.toString()) * 1000));
                        }
                        if (Connection.read(event, beaconConfig) instanceof Connection.Accepted a) {
                            analysis.acceptForBeacons(a.connection());
                        }
                        readCount++;
                    }
                    progress.step(page.path("hits").path("hits").size());
                    ObjectNode next = JSON.createObjectNode().put("scroll", "2m").put("scroll_id", scrollId);
                    page = cluster.call("the beacon read of " + index, "POST", "/_search/scroll", next);
                    requests++;
                    scrollId = page.path("_scroll_id").asString(scrollId);
                }
            } finally {
                ObjectNode clear = JSON.createObjectNode();
                clear.putArray("scroll_id").add(scrollId);
                cluster.call("clearing the scroll", "DELETE", "/_search/scroll", clear);
            }
        }
        return readCount;
    }

    /** For each field, the name to aggregate on: itself if aggregatable, else its {@code .keyword} sub-field. */
    private Map<String, String> aggregatableNames() {
        List<String> wanted = new ArrayList<>(List.of(fields.time(), fields.source(), fields.destination()));
        wanted.addAll(fields.protocols());
        wanted.addAll(fields.bytes());
        TreeSet<String> asked = new TreeSet<>();
        wanted.forEach(f -> {
            asked.add(f);
            asked.add(f + ".keyword");
        });
        JsonNode caps = cluster.call("reading the fields of " + index, "GET", "/" + ClusterReader.encode(index)
                + "/_field_caps", Map.of("fields", String.join(",", asked)), null).path("fields");
        Map<String, String> names = new HashMap<>();
        for (String field : wanted) {
            String name = aggregatable(caps, field) ? field : aggregatable(caps, field + ".keyword") ? field + ".keyword" : null;
            if (name == null) {
                throw new IllegalArgumentException(caps.has(field) ? "field '" + field + "' of " + index
                        + " cannot be aggregated (" + String.join("/", caps.path(field).propertyNames()) + ", no keyword sub-field)"
                        : "index " + index + " has no field '" + field + "'");
            }
            names.put(field, name);
        }
        if (!types(caps, fields.time()).stream().allMatch(t -> t.startsWith("date"))) {
            throw new IllegalArgumentException("--time-field " + fields.time() + " is " + types(caps, fields.time())
                    + " in " + index + ", not a date");
        }
        for (String field : fields.bytes()) {
            if (!types(caps, names.get(field)).stream().allMatch(t -> List.of("long", "integer", "short", "byte",
                    "double", "float", "half_float", "scaled_float", "unsigned_long").contains(t))) {
                throw new IllegalArgumentException("--bytes-field " + field + " is " + types(caps, names.get(field))
                        + " in " + index + ", not a number");
            }
        }
        return names;
    }

    private static boolean aggregatable(JsonNode caps, String field) {
        JsonNode types = caps.path(field);
        if (!types.isObject() || types.isEmpty()) {
            return false;
        }
        for (JsonNode type : types) {
            if (!type.path("aggregatable").asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> types(JsonNode caps, String field) {
        return new ArrayList<>(caps.path(field).propertyNames());
    }

    /** Pages through a composite aggregation over the query's documents, one bucket at a time. */
    private void composite(JsonNode query, ObjectNode composite, ObjectNode subAggregations, Consumer<JsonNode> onBucket) {
        composite.put("size", PAGE);
        JsonNode after = null;
        do {
            if (after != null) {
                composite.set("after", after);
            }
            JsonNode result = search(query, "the traffic aggregation", aggs -> {
                ObjectNode pages = aggs.putObject("pages");
                pages.set("composite", composite);
                if (subAggregations != null) {
                    pages.set("aggs", subAggregations);
                }
            }).path("aggregations").path("pages");
            for (JsonNode bucket : result.path("buckets")) {
                buckets++;
                onBucket.accept(bucket);
            }
            after = result.path("buckets").isEmpty() ? null : result.path("after_key");
        } while (after != null && !after.isMissingNode());
    }

    private JsonNode search(JsonNode query, String what, Consumer<ObjectNode> aggregations) {
        ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
        body.set("query", query);
        aggregations.accept(body.putObject("aggs"));
        requests++;
        return cluster.call(what + " of " + index, "POST", "/" + ClusterReader.encode(index) + "/_search", body);
    }

    private long count(JsonNode query) {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query);
        requests++;
        return cluster.call("counting in " + index, "POST", "/" + ClusterReader.encode(index) + "/_count", body)
                .path("count").asLong();
    }

    private static ObjectNode bool() {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("bool");
        return node;
    }

    private static JsonNode terms(String field, List<String> values) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode list = node.putObject("terms").putArray(field);
        values.forEach(list::add);
        return node;
    }
}
