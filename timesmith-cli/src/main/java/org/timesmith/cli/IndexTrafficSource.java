package org.timesmith.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.timesmith.analysis.traffic.Cidr;
import org.timesmith.analysis.traffic.Connection;
import org.timesmith.analysis.traffic.Direction;
import org.timesmith.analysis.traffic.SeriesKey;
import org.timesmith.analysis.traffic.TrafficAnalysis;
import org.timesmith.analysis.traffic.TrafficConfig;
import org.timesmith.analysis.traffic.TrafficMetric;
import org.timesmith.analysis.traffic.TrafficSeriesBuilder;
import org.timesmith.store.opensearch.ClusterReader;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The traffic report's input from an OpenSearch or Elasticsearch index Timesmith did not write
 * ({@code timesmith traffic report --es-url … --index …}), as the seed project read its network logs.
 * The series are <b>aggregated in the cluster</b>, never pulled as documents: one request per local
 * day (so each document is aggregated once), a terms aggregation on the protocol (the first present
 * protocol field, trimmed and lower-cased by a script, as the streamed report does) × a date histogram
 * of the slots in the report's time zone, and the same histogram for {@code total}; in each slot the
 * byte sums, the distinct source→destination pairs (a cardinality aggregation, exact up to
 * {@value #EXACT_PAIRS} pairs per slot and series, then within about 1 %: exact counting in the cluster
 * would cost a bucket per pair) and a {@code filters} split by direction. Two days are asked for at
 * once. A day whose buckets the cluster refuses is split in halves. The direction split uses the CIDRs
 * directly on {@code ip} fields; on keyword fields the distinct addresses are listed and classified here,
 * then sent back as {@code terms} filters. Beacons need each connection's time and size, which no
 * aggregation gives: for them only those fields are read (doc values, two sliced scrolls read as token
 * streams), unless beacons are turned off; that read also gives the series their distinct pairs, exactly,
 * and the aggregations then leave them out.
 *
 * <p>Events are accounted as the streamed report does: read = accepted + rejected, where a rejected
 * event lacks the time, a protocol, the source or the destination, or has an address that is not an
 * IP literal.
 */
final class IndexTrafficSource {

    /** Largest {@code terms} filter sent; a cluster refuses more than 65,536 by default. */
    static final int MAX_TERMS = 65_536;
    /** Distinct pairs a slot counts exactly (beyond it, HyperLogLog++ with about 1 % error). */
    static final int EXACT_PAIRS = 1_000;
    private static final int SCROLL_PAGE = 10_000;
    /** What the beacon read needs of a page (without it, each hit also carries its index, score and sort values). */
    private static final String PAGE_FIELDS = "_scroll_id,hits.hits.fields";
    /** Distinct address texts whose reading is kept for the beacon read (a sensor repeats few addresses). */
    private static final int MAX_CACHED_ADDRESSES = 1 << 17;
    /** Scrolls the beacon read runs at once (slices of the connections by their time). */
    private static final int BEACON_SLICES = 2;
    /** What a beacon read's slice puts in the page queue when it is done. */
    private static final Object SLICE_END = new Object();
    /** Day aggregations asked for at once. */
    private static final int IN_FLIGHT = 2;
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
    /** The aggregatable names of the fields mapped as {@code ip}. */
    private final Set<String> ipFields = new HashSet<>();
    private final AtomicInteger requests = new AtomicInteger();
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
        ObjectNode selected = bool();
        if (fields.query() != null && !fields.query().isBlank() && !fields.query().strip().equals("*")) {
            selected.withObjectProperty("bool").withArrayProperty("filter").addObject().putObject("query_string")
                    .put("query", fields.query());
        }
        selected.withObjectProperty("bool").withArrayProperty("filter")
                .add(range(Math.floorDiv(fromMicros, 1000), Math.floorDiv(toMicros, 1000)));

        ObjectNode complete = selected.deepCopy();
        ArrayNode required = complete.withObjectProperty("bool").withArrayProperty("filter");
        for (String field : List.of(fields.time(), fields.source(), fields.destination())) {
            required.addObject().putObject("exists").put("field", field);
        }
        ObjectNode anyProtocol = required.addObject().putObject("bool");
        fields.protocols().forEach(p -> anyProtocol.withArrayProperty("should").addObject().putObject("exists").put("field", p));
        anyProtocol.put("minimum_should_match", 1);

        Addresses sources = addresses(agg.get(fields.source()), complete);
        Addresses destinations = addresses(agg.get(fields.destination()), complete);
        ObjectNode accepted = complete.deepCopy();
        for (Addresses addresses : List.of(sources, destinations)) {
            if (!addresses.invalid().isEmpty()) {
                accepted.withObjectProperty("bool").withArrayProperty("must_not").add(terms(addresses.field(), addresses.invalid()));
            }
        }
        long read = count(selected);
        JsonNode bounds = search(accepted, "the time range", aggs -> {
            aggs.putObject("first").putObject("min").put("field", fields.time());
            aggs.putObject("last").putObject("max").put("field", fields.time());
        }).path("aggregations");
        long acceptedCount = count(accepted);
        long first = (long) bounds.path("first").path("value").asDouble();
        long last = (long) bounds.path("last").path("value").asDouble();
        analysis.series().countAggregated(read, read - acceptedCount, "missing time, protocol, source or destination, "
                + "or an address that is not an IP literal", first * 1000, last * 1000);

        Map<Direction, JsonNode> directions = directionFilters(sources, destinations);
        if (acceptedCount > 0) {
            // One request per local day, so each document is aggregated once (a composite aggregation would
            // scan every document again for each page of buckets). A day's aggregation runs on one thread of
            // a shard, so {@value #IN_FLIGHT} days are asked for at once; their buckets are added in day order.
            List<Future<List<JsonNode>>> days = new ArrayList<>();
            ExecutorService requesters = Executors.newFixedThreadPool(IN_FLIGHT, Thread.ofPlatform().daemon()
                    .name("traffic-aggregation-", 0).factory());
            try {
                LocalDate day = Instant.ofEpochMilli(first).atZone(config.zone()).toLocalDate();
                for (; !day.isAfter(Instant.ofEpochMilli(last).atZone(config.zone()).toLocalDate()); day = day.plusDays(1)) {
                    long from = millis(day);
                    long to = millis(day.plusDays(1));
                    days.add(requesters.submit(() -> aggregate(agg, accepted, directions, !beacons, from, to)));
                }
                for (Future<List<JsonNode>> result : days) {
                    for (JsonNode aggregations : result.get()) {
                        add(analysis.series(), aggregations, directions);
                    }
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while aggregating " + index, e);
            } finally {
                requesters.shutdownNow();
            }
        }
        long aggregated = System.nanoTime();
        long connections = beacons ? readBeaconConnections(analysis, agg, accepted, acceptedCount) : 0;
        return new Cost(requests.get(), buckets, (aggregated - started) / 1_000_000, connections,
                (System.nanoTime() - aggregated) / 1_000_000);
    }

    private long millis(LocalDate day) {
        return day.atStartOfDay(config.zone()).toInstant().toEpochMilli();
    }

    /**
     * The aggregations of {@code [fromMillis, toMillis)}: per protocol and in total, per slot, with the
     * direction split. A range whose buckets the cluster refuses (too many, or its memory breaker) is
     * aggregated in two halves.
     *
     * <p>The distinct pairs are the costly part (a script per document and cardinality). With the direction
     * split they are counted in its four buckets only, and a slot's count is their sum: a pair's direction
     * follows from its two addresses, so each pair is in exactly one bucket. When beacons are read, every
     * connection is read anyway, so {@code pairs} is false and the beacon read adds each connection's pair
     * to the series instead: no script runs, and the counts are exact.
     */
    private List<JsonNode> aggregate(Map<String, String> agg, JsonNode accepted, Map<Direction, JsonNode> directions,
                                     boolean pairs, long fromMillis, long toMillis) {
        ObjectNode query = (ObjectNode) accepted.deepCopy();
        query.withObjectProperty("bool").withArrayProperty("filter").add(range(fromMillis, toMillis));
        ObjectNode metrics = metrics(agg, pairs && directions.isEmpty());
        if (!directions.isEmpty()) {
            ObjectNode filters = JSON.createObjectNode();
            directions.forEach((direction, filter) -> filters.set(direction.name(), filter));
            ObjectNode split = metrics.putObject("direction");
            split.putObject("filters").set("filters", filters);
            split.set("aggs", metrics(agg, pairs));
        }
        ObjectNode slots = JSON.createObjectNode();
        slots.putObject("date_histogram").put("field", fields.time()).put("fixed_interval", config.slotMinutes() + "m")
                .put("time_zone", config.zone().getId()).put("min_doc_count", 1);
        slots.set("aggs", metrics);
        JsonNode result;
        try {
            result = search(query, "the traffic aggregation", aggs -> {
                ObjectNode protocols = aggs.putObject("protocols");
                ObjectNode script = protocols.putObject("terms").put("size", MAX_TERMS).putObject("script")
                        .put("source", PROTOCOL_SCRIPT).put("lang", "painless");
                fields.protocols().stream().map(agg::get).forEach(script.putObject("params").putArray("fields")::add);
                protocols.putObject("aggs").set("slots", slots);
                aggs.set("total", slots);
            }).path("aggregations");
        } catch (RuntimeException e) {
            long half = (toMillis - fromMillis) / 2 / (config.slotMinutes() * 60_000L) * (config.slotMinutes() * 60_000L);
            String message = String.valueOf(e.getMessage());
            if (half == 0 || !(message.contains("429") || message.contains("too_many_buckets")
                    || message.contains("circuit_breaking"))) {
                throw e;
            }
            List<JsonNode> halves = new ArrayList<>(aggregate(agg, accepted, directions, pairs, fromMillis, fromMillis + half));
            halves.addAll(aggregate(agg, accepted, directions, pairs, fromMillis + half, toMillis));
            return halves;
        }
        return List.of(result);
    }

    /** Adds the counters of one range's aggregations to the series. */
    private void add(TrafficSeriesBuilder series, JsonNode result, Map<Direction, JsonNode> directions) {
        for (JsonNode protocol : result.path("protocols").path("buckets")) {
            String name = protocol.path("key").asString("");
            if (name.isEmpty() || name.equals(SeriesKey.TOTAL)) {
                log.printf(Locale.ROOT, "left out: %,d connections whose protocol is '%s'%n",
                        protocol.path("doc_count").asLong(), name);
                continue;
            }
            addSlots(series, name, protocol.path("slots"), directions);
        }
        addSlots(series, SeriesKey.TOTAL, result.path("total"), directions);
    }

    private void addSlots(TrafficSeriesBuilder series, String protocol, JsonNode histogram,
                          Map<Direction, JsonNode> directions) {
        for (JsonNode bucket : histogram.path("buckets")) {
            buckets++;
            ZonedDateTime slotStart = Instant.ofEpochMilli(bucket.path("key").asLong()).atZone(config.zone());
            int slot = (slotStart.getHour() * 60 + slotStart.getMinute()) / config.slotMinutes();
            JsonNode split = bucket.path("direction").path("buckets");
            long peers = directions.isEmpty() ? peers(bucket) : 0;
            for (Direction direction : directions.keySet()) {
                peers += peers(split.path(direction.name()));
            }
            add(series, new SeriesKey(protocol, Direction.ALL), slotStart, slot, bucket, peers);
            for (Direction direction : directions.keySet()) {
                JsonNode counted = split.path(direction.name());
                if (counted.path("doc_count").asLong() > 0) {
                    add(series, new SeriesKey(protocol, direction), slotStart, slot, counted, peers(counted));
                }
            }
        }
    }

    private static long peers(JsonNode bucket) {
        return bucket.path("peers").path("value").asLong();
    }

    private void add(TrafficSeriesBuilder series, SeriesKey key, ZonedDateTime slotStart, int slot, JsonNode bucket,
                     long peers) {
        series.addCount(key, slotStart.toLocalDate(), slot, TrafficMetric.CONNECTIONS, bucket.path("doc_count").asLong());
        long bytes = 0;
        for (int i = 0; i < fields.bytes().size(); i++) {
            bytes += (long) bucket.path("bytes" + i).path("value").asDouble();
        }
        series.addCount(key, slotStart.toLocalDate(), slot, TrafficMetric.BYTES, bytes);
        series.addCount(key, slotStart.toLocalDate(), slot, TrafficMetric.DISTINCT_PEERS, peers);
    }

    private ObjectNode metrics(Map<String, String> agg, boolean peers) {
        ObjectNode metrics = JSON.createObjectNode();
        for (int i = 0; i < fields.bytes().size(); i++) {
            metrics.putObject("bytes" + i).putObject("sum").put("field", agg.get(fields.bytes().get(i)));
        }
        if (!peers) {
            return metrics;
        }
        ObjectNode cardinality = metrics.putObject("peers").putObject("cardinality").put("precision_threshold", EXACT_PAIRS);
        ObjectNode script = cardinality.putObject("script").put("source", PAIR_SCRIPT).put("lang", "painless");
        script.putObject("params").put("s", agg.get(fields.source())).put("d", agg.get(fields.destination()));
        return metrics;
    }

    /**
     * How an address field tells internal from external: for an {@code ip} field the CIDRs themselves
     * (a term query matches a network), for a keyword field the list of its internal values, read with
     * one terms aggregation and classified here; values that are no IP literal are rejected.
     */
    private record Addresses(String field, JsonNode internal, List<String> invalid) {
    }

    private Addresses addresses(String field, JsonNode query) {
        if (ipFields.contains(field)) {
            return new Addresses(field, terms(field, config.internalNetworks().stream().map(Cidr::text).toList()), List.of());
        }
        List<String> internal = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        JsonNode hosts = search(query, "listing the addresses", aggs -> aggs.putObject("hosts").putObject("terms")
                .put("field", field).put("size", MAX_TERMS)).path("aggregations").path("hosts");
        for (JsonNode bucket : hosts.path("buckets")) {
            String host = bucket.path("key").asString();
            var address = Cidr.address(host);
            if (address.isEmpty()) {
                invalid.add(host);
            } else if (config.internalNetworks().stream().anyMatch(n -> n.contains(address.get()))) {
                internal.add(host);
            }
        }
        if (hosts.path("sum_other_doc_count").asLong() > 0) {
            log.printf(Locale.ROOT, "%s has more than %,d distinct values: no direction split, and values that are "
                    + "not IP addresses are not rejected (map it as ip to have both)%n", field, MAX_TERMS);
            return new Addresses(field, null, invalid);
        }
        return new Addresses(field, terms(field, internal), invalid);
    }

    private Map<Direction, JsonNode> directionFilters(Addresses sources, Addresses destinations) {
        if (sources.internal() == null || destinations.internal() == null) {
            return Map.of();
        }
        Map<Direction, JsonNode> filters = new LinkedHashMap<>();
        for (Direction direction : Direction.values()) {
            if (direction == Direction.ALL) {
                continue;
            }
            boolean fromInside = direction == Direction.INTERNAL_TO_EXTERNAL || direction == Direction.INTERNAL_TO_INTERNAL;
            boolean toInside = direction == Direction.INTERNAL_TO_INTERNAL || direction == Direction.EXTERNAL_TO_INTERNAL;
            ObjectNode filter = bool();
            filter.withObjectProperty("bool").withArrayProperty(fromInside ? "filter" : "must_not").add(sources.internal());
            filter.withObjectProperty("bool").withArrayProperty(toInside ? "filter" : "must_not").add(destinations.internal());
            filters.put(direction, filter);
        }
        return filters;
    }

    private JsonNode range(long fromMillis, long toMillis) {
        ObjectNode range = JSON.createObjectNode();
        range.putObject("range").putObject(fields.time()).put("gte", fromMillis).put("lt", toMillis)
                .put("format", "epoch_millis");
        return range;
    }

    /**
     * Reads time, protocol, addresses and sizes of each accepted connection (doc values only) for the beacon
     * detector: two slices side by side, each asking for its next page while the last one is read here, and
     * pages are read as a token stream (a page is about 2 MB of JSON; building its tree cost more than the
     * cluster took to answer).
     */
    private long readBeaconConnections(TrafficAnalysis analysis, Map<String, String> agg, JsonNode accepted, long total) {
        List<String> protocolKeys = new ArrayList<>();
        List<String> byteKeys = new ArrayList<>();
        // No stored field at all, not even _id: loading it decompresses a block of stored fields per hit,
        // which made a page of doc values about six times slower to fetch.
        ObjectNode body = JSON.createObjectNode().put("size", SCROLL_PAGE).put("stored_fields", "_none_");
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
                agg.get(fields.destination()), byteKeys, "", Set.of(), config.zone(), config.slotMinutes(),
                config.internalNetworks());
        Map<String, Connection.Address> addresses = new HashMap<>();
        Function<String, Connection.Address> address = text -> {
            Connection.Address known = addresses.get(text);
            if (known == null) {
                known = Connection.Address.of(text, beaconConfig);
                if (addresses.size() < MAX_CACHED_ADDRESSES) {
                    addresses.put(text, known);
                }
            }
            return known;
        };
        long[] counts = new long[2]; // read, rejected
        String[] firstRejection = {""};
        Consumer<Map<String, Object>> connection = event -> {
            Object millis = event.remove(fields.time());
            if (millis != null) {
                event.put("t", micros(millis.toString()));
            }
            switch (Connection.read(event, beaconConfig, address)) {
                case Connection.Accepted a -> {
                    analysis.acceptForBeacons(a.connection());
                    analysis.series().addPair(a.connection()); // exact distinct pairs, instead of the cluster's
                }
                case Connection.Rejected r -> {
                    if (counts[1]++ == 0) {
                        firstRejection[0] = r.field() + ": " + r.reason();
                    }
                }
                case Connection.Skipped k -> counts[1]++; // no data type filter here: cannot happen
            }
            counts[0]++;
        };
        // Each slice is a scroll of its own, read on its own thread; the pages meet in one queue and are
        // read here, so the detector sees one thread. The detector's result does not depend on arrival order.
        BlockingQueue<Object> pages = new ArrayBlockingQueue<>(2 * BEACON_SLICES);
        ExecutorService slices = Executors.newFixedThreadPool(BEACON_SLICES, Thread.ofPlatform().daemon()
                .name("beacon-read-", 0).factory());
        for (int slice = 0; slice < BEACON_SLICES; slice++) {
            ObjectNode sliced = body.deepCopy();
            sliced.putObject("slice").put("field", fields.time()).put("id", slice).put("max", BEACON_SLICES);
            slices.submit(() -> scroll(sliced, pages));
        }
        try (ReadProgress progress = ReadProgress.start("beacons", total)) {
            for (int ended = 0; ended < BEACON_SLICES; ) {
                Object page = pages.take();
                if (page == SLICE_END) {
                    ended++;
                } else if (page instanceof RuntimeException e) {
                    throw e;
                } else {
                    progress.step(readHits((byte[]) page, connection));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + index, e);
        } finally {
            slices.shutdownNow();
        }
        if (counts[1] > 0) {
            log.printf(Locale.ROOT, "beacons: %,d connections left out (values the series accepted but a connection "
                    + "cannot hold; the first: %s)%n", counts[1], firstRejection[0]);
        }
        return counts[0];
    }

    /**
     * One slice's scroll: puts each page with hits into {@code pages}, then {@link #SLICE_END} (after a failure,
     * the failure first), and clears the scroll.
     */
    private void scroll(JsonNode body, BlockingQueue<Object> pages) {
        String what = "the beacon read of " + index;
        String scrollId = null;
        try {
            try {
                requests.incrementAndGet();
                byte[] page = cluster.callForBytes(what, "POST", "/" + ClusterReader.encode(index) + "/_search",
                        Map.of("scroll", "2m", "filter_path", PAGE_FIELDS), body);
                while (true) {
                    PageHead head = head(page);
                    scrollId = head.scrollId() == null ? scrollId : head.scrollId();
                    if (!head.hits()) {
                        break;
                    }
                    pages.put(page);
                    if (scrollId == null) {
                        throw new IllegalStateException(what + " got a page without a scroll id");
                    }
                    requests.incrementAndGet();
                    page = cluster.callForBytes(what, "POST", "/_search/scroll", Map.of("filter_path", PAGE_FIELDS),
                            JSON.createObjectNode().put("scroll", "2m").put("scroll_id", scrollId));
                }
            } catch (RuntimeException e) {
                pages.put(e);
            } finally {
                pages.put(SLICE_END);
            }
        } catch (InterruptedException e) {
            return; // the reader gave up: the scroll expires on its own
        }
        if (scrollId != null) {
            ObjectNode clear = JSON.createObjectNode();
            clear.putArray("scroll_id").add(scrollId);
            cluster.call("clearing the scroll", "DELETE", "/_search/scroll", clear);
        }
    }

    /** A time doc value formatted as epoch_millis, in microseconds. */
    private static long micros(String millis) {
        return millis.indexOf('.') < 0 ? Long.parseLong(millis) * 1000 : (long) (Double.parseDouble(millis) * 1000);
    }

    /** A page's scroll id (null if none) and whether it has hits. */
    private record PageHead(String scrollId, boolean hits) {
    }

    private static PageHead head(byte[] page) {
        String scrollId = null;
        boolean hits = false;
        try (JsonParser parser = JSON.createParser(page)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new PageHead(null, false);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("_scroll_id")) {
                    scrollId = parser.getString();
                } else if (name.equals("hits") && parser.currentToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                        boolean list = parser.currentName().equals("hits");
                        if (parser.nextToken() == JsonToken.START_ARRAY && list) {
                            hits |= parser.nextToken() == JsonToken.START_OBJECT;
                            if (scrollId != null) {
                                return new PageHead(scrollId, hits); // the usual order: no need to read the hits
                            }
                        }
                        parser.skipChildren();
                        while (list && parser.currentToken() != JsonToken.END_ARRAY) {
                            parser.nextToken();
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new PageHead(scrollId, hits);
    }

    /**
     * Hands each hit's doc values of a page ({@code hits.hits[].fields}, first value of each) to
     * {@code hit} as one reused map: numbers as longs, the rest as text. Returns the number of hits.
     */
    private static int readHits(byte[] page, Consumer<Map<String, Object>> hit) {
        Map<String, Object> event = new HashMap<>();
        int hits = 0;
        try (JsonParser parser = JSON.createParser(page)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                boolean outer = parser.currentName().equals("hits");
                if (parser.nextToken() != JsonToken.START_OBJECT || !outer) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    boolean list = parser.currentName().equals("hits");
                    if (parser.nextToken() != JsonToken.START_ARRAY || !list) {
                        parser.skipChildren();
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        event.clear();
                        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                            boolean values = parser.currentName().equals("fields");
                            if (parser.nextToken() != JsonToken.START_OBJECT || !values) {
                                parser.skipChildren();
                                continue;
                            }
                            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                                String field = parser.currentName();
                                if (parser.nextToken() == JsonToken.START_ARRAY && parser.nextToken() != JsonToken.END_ARRAY) {
                                    event.put(field, switch (parser.currentToken()) {
                                        case VALUE_NUMBER_INT -> parser.getLongValue();
                                        case VALUE_NUMBER_FLOAT -> (long) parser.getDoubleValue();
                                        default -> parser.getString();
                                    });
                                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                                        parser.skipChildren();
                                    }
                                }
                            }
                        }
                        hit.accept(event);
                        hits++;
                    }
                }
            }
        }
        return hits;
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
            if (types(caps, name).equals(List.of("ip"))) {
                ipFields.add(name);
            }
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

    private JsonNode search(JsonNode query, String what, Consumer<ObjectNode> aggregations) {
        ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", true);
        body.set("query", query);
        aggregations.accept(body.putObject("aggs"));
        requests.incrementAndGet();
        return cluster.call(what + " of " + index, "POST", "/" + ClusterReader.encode(index) + "/_search", body);
    }

    private long count(JsonNode query) {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", query);
        requests.incrementAndGet();
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
