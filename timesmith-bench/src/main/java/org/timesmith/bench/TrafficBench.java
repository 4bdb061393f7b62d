package org.timesmith.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.timesmith.cli.Main;

/**
 * The traffic report's figure (issue 18): {@code days} × 96 slots × {@code protocols} protocols from
 * an index of N Zeek conn events, on the embedded store (the fields read from doc values; with
 * {@code --compare-sources} also from every event's stored source, as before) and on OpenSearch
 * (aggregated in the cluster, {@code --es-url}), each with the time and where it goes. The events are synthetic
 * but shaped like a sensor's: a day/night rhythm, a skewed protocol mix, 300 internal hosts talking
 * to 20,000 external ones, and one beacon every 60 s, which must rank first.
 *
 * <pre>BENCH_MAIN=TrafficBench timesmith-bench/bench [--events N (10000000)] [--days D (30)]
 *     [--protocols P (20)] [--dir DIR (target/traffic-bench)] [--no-opensearch] [--compare-sources]</pre>
 */
public final class TrafficBench {

    private static final String INDEX = "conn-bench";

    private TrafficBench() {
    }

    public static void main(String[] args) throws IOException {
        long events = 10_000_000L;
        int days = 30;
        int protocols = 20;
        Path dir = Path.of("target/traffic-bench");
        boolean openSearch = true;
        boolean compareSources = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i].replace("_", ""));
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--protocols" -> protocols = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--no-opensearch" -> openSearch = false;
                case "--compare-sources" -> compareSources = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(dir);
        Path jsonl = dir.resolve("conn-" + events + ".jsonl");
        if (!Files.exists(jsonl)) {
            long started = System.nanoTime();
            generate(jsonl, events, days, protocols);
            System.out.printf(Locale.ROOT, "generated %,d conn events over %d days, %d protocols: %.1f s%n", events, days,
                    protocols, seconds(started));
        }
        Path data = dir.resolve("data-" + events);
        if (!Files.exists(data)) {
            long started = System.nanoTime();
            cli("import", jsonl.toString(), "--data", data.toString(), "--timeline", "sensor", "--no-progress");
            System.out.printf(Locale.ROOT, "embedded import: %.1f s%n", seconds(started));
        }
        long started = System.nanoTime();
        String local = cli("traffic", "report", "--data", data.toString(), "--top", "3");
        System.out.printf(Locale.ROOT, "embedded store, doc values (series, anomalies and beacons): %.1f s%n%s",
                seconds(started), firstLines(local));
        if (compareSources) {
            started = System.nanoTime();
            String sources = cli("traffic", "report", "--data", data.toString(), "--top", "3", "--read-sources");
            System.out.printf(Locale.ROOT, "embedded store, stored sources (as before doc values): %.1f s%n%s",
                    seconds(started), firstLines(sources));
        }
        if (!openSearch) {
            return;
        }
        try (OpenSearchProcess node = new OpenSearchProcess(dir.resolve("opensearch"))) {
            started = System.nanoTime();
            boolean loaded = node.request("GET", "/_cat/indices?format=json", null).valueStream()
                    .anyMatch(i -> i.path("index").asString().equals(INDEX));
            if (!loaded) { // the node's data directory keeps the index for the next run
                node.request("PUT", "/" + INDEX, "{\"settings\": {\"number_of_shards\": 1, \"number_of_replicas\": 0,"
                        + " \"refresh_interval\": \"-1\"}}");
                bulk(node, jsonl);
                node.request("POST", "/" + INDEX + "/_refresh", null);
                node.request("POST", "/" + INDEX + "/_forcemerge?max_num_segments=1", null);
                System.out.printf(Locale.ROOT, "OpenSearch bulk load + merge: %.1f s%n", seconds(started));
            }
            String url = node.base().toString();
            for (boolean beacons : new boolean[] {false, true}) {
                started = System.nanoTime();
                String report = beacons ? cli("traffic", "report", "--es-url", url, "--index", INDEX, "--top", "3")
                        : cli("traffic", "report", "--es-url", url, "--index", INDEX, "--top", "3", "--no-beacons");
                System.out.printf(Locale.ROOT, "OpenSearch, aggregated%s: %.1f s%n%s", beacons ? " + beacons from doc values"
                        : " (series and anomalies only)", seconds(started), firstLines(report));
            }
        }
    }

    private static void generate(Path file, long events, int days, int protocols) throws IOException {
        SplittableRandom random = new SplittableRandom(18);
        long start = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long span = days * 86_400L;
        long beaconEvery = 60;
        long beacons = span / beaconEvery;
        String[] names = new String[protocols];
        for (int p = 0; p < protocols; p++) {
            names[p] = p < BASE_PROTOCOLS.length ? BASE_PROTOCOLS[p] : "proto" + p;
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < events; i++) {
                long second;
                String source;
                String destination;
                String protocol;
                long sent;
                if (i < beacons) {
                    second = start + i * beaconEvery + random.nextInt(3);
                    source = "10.0.0.66";
                    destination = "203.0.113.9";
                    protocol = "http";
                    sent = 512 + random.nextInt(8);
                } else {
                    // Day/night rhythm: draw a time, keep night-time ones with probability 1/4.
                    do {
                        second = start + random.nextLong(span);
                    } while (((second / 3600) % 24 < 7 || (second / 3600) % 24 > 19) && random.nextInt(4) != 0);
                    source = "10.0." + random.nextInt(2) + "." + (1 + random.nextInt(150));
                    int host = (int) Math.min(19_999, Math.abs(random.nextGaussian()) * 4_000);
                    destination = "198." + (18 + host / 65_536) + "." + (host / 256 % 256) + "." + (host % 256);
                    protocol = names[(int) Math.min(protocols - 1, Math.abs(random.nextGaussian()) * protocols / 3)];
                    sent = random.nextInt(20_000);
                }
                out.write("{\"message\": \"" + source + " -> " + destination + " " + protocol + "\", \"datetime\": \""
                        + Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1000L) + "\", \"timestamp_desc\": "
                        + "\"Connection start\", \"data_type\": \"zeek:conn\", \"proto\": \"tcp\", \"service\": \""
                        + protocol + "\", \"id.orig_h\": \"" + source + "\", \"id.resp_h\": \"" + destination
                        + "\", \"orig_bytes\": " + sent + ", \"resp_bytes\": " + (sent * 3) + "}\n");
            }
        }
    }

    private static final String[] BASE_PROTOCOLS = {"ssl", "dns", "http", "ssh", "ntp", "dhcp", "smtp", "smb", "krb",
            "ldap", "rdp", "ftp", "imap", "pop3", "sip", "snmp", "mysql", "irc", "radius", "socks"};

    /** Bulk-loads the JSONL lines in 5,000-line requests. */
    private static void bulk(OpenSearchProcess node, Path jsonl) throws IOException {
        StringBuilder body = new StringBuilder();
        int lines = 0;
        try (var reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                body.append("{\"index\":{}}\n").append(line).append('\n');
                if (++lines % 5_000 == 0) {
                    post(node, body);
                }
            }
        }
        if (!body.isEmpty()) {
            post(node, body);
        }
    }

    private static void post(OpenSearchProcess node, StringBuilder body) {
        Optional<String> error = OpenSearchBulkWriter.postBulk(node.http(), node.base().resolve("/" + INDEX + "/_bulk"),
                body.toString().getBytes(StandardCharsets.UTF_8));
        error.ifPresent(e -> {
            throw new IllegalStateException("bulk failed: " + e);
        });
        body.setLength(0);
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        if (exit != 0) {
            throw new IllegalStateException("timesmith " + String.join(" ", args) + " failed (" + exit + "): " + err);
        }
        return err + out.toString();
    }

    private static String firstLines(String output) {
        StringBuilder kept = new StringBuilder();
        output.lines().filter(l -> l.startsWith("read ") || l.startsWith("time:") || l.startsWith("events:") || l.startsWith("anomalous")
                        || l.startsWith("beacons") || l.startsWith("   1  ") || l.startsWith("  ") && l.contains("cluster"))
                .limit(12).forEach(l -> kept.append("    ").append(l).append('\n'));
        return kept.toString();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
