package org.timesmith.bench;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.server.AdminService;
import org.timesmith.server.TimesmithServer;
import org.timesmith.store.lucene.LuceneEventStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server benchmark of the server issue: starts the real server (its embedded Lucene store, SQLite,
 * JobRunr) on a random port and drives it over HTTP like the Timesketch client and importer do,
 * then prints (1) the upload of an N-event generated CSV through {@code POST upload/} (chunked, as
 * the importer sends big files) until the timeline is {@code ready}, in events/s, next to the same
 * CSV imported straight into a Lucene store with the same reader and normaliser; (2) explore median
 * and p95 of a query-string search with two chips, once the analyzers run after the import ended;
 * (3) 20 concurrent searching users while a second N-event upload imports: p95 and errors; (4) the
 * same searchers for a fixed window of S seconds (default 60; 0 skips it) while one importer uploads
 * copies of the CSV back to back: p50, p95, errors and imports. {@code --explore-only} runs (1)
 * without the direct import beside it and (2), the figures that matter at 10M events, where each
 * further import takes minutes. Usage: {@code ServerBench [--events N] [--work DIR] [--users U]
 * [--runs R] [--load-seconds S] [--explore-only]}.
 */
public final class ServerBench {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "bench-password-" + UUID.randomUUID();
    private static final int CHUNK_BYTES = 8 * 1024 * 1024;
    private static final DateTimeFormatter CHIP_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private long events = 1_000_000;
    private Path work = Path.of("target", "server-bench-work");
    private int users = 20;
    private int runs = 100;
    private int loadSeconds = 60;
    private boolean exploreOnly;
    private final long seed = 20240301;
    private final List<String> summary = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ServerBench bench = new ServerBench();
        bench.parse(args);
        bench.run();
        bench.printSummary();
        BenchCli.finish();
    }

    private void parse(String[] args) {
        BenchCli cli = BenchCli.parse(args, Map.of("--events", "N", "--work", "DIR", "--users", "U", "--runs", "R",
                        "--load-seconds", "S"),
                Set.of("--explore-only"));
        events = cli.longValue("--events", events);
        work = cli.path("--work", work);
        users = cli.intValue("--users", users);
        runs = cli.intValue("--runs", runs);
        loadSeconds = cli.intValue("--load-seconds", loadSeconds);
        exploreOnly = cli.has("--explore-only");
    }

    private void run() throws Exception {
        Path csv = freshCsv(work, "bench.csv", events, seed);
        System.out.printf(Locale.ROOT, "generated %,d events, %.1f MB of CSV%n", events, Files.size(csv) / 1e6);

        double direct = exploreOnly ? Double.NaN : directIngest(csv);
        if (!exploreOnly) {
            System.out.printf(Locale.ROOT, "direct embedded-store ingest (reader → normaliser → Lucene): %,.0f events/s%n",
                    direct);
        }

        Path home = work.resolve("home");
        ConfigurableApplicationContext server = TimesmithServer.start(home, 0, false,
                Map.of("logging.level.root", "warn"), List.of());
        try {
            server.getBean(AdminService.class).addUser("bench", PASSWORD, false);
            String url = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
            Client client = Client.login(url);
            long sketchId = client.post("/api/v1/sketches/", Map.of("name", "bench", "description", "server bench"))
                    .path("objects").get(0).get("id").asLong();

            long started = System.nanoTime();
            long timelineId = upload(client, sketchId, csv, "first");
            String status = waitUntilDone(client, sketchId, timelineId);
            double seconds = (System.nanoTime() - started) / 1e9;
            long indexed = count(client, sketchId);
            double ratio = indexed / seconds / direct;
            String compared = exploreOnly ? "not compared to a direct ingest (--explore-only)" : String.format(
                    Locale.ROOT, "ratio %.2f to direct %,.0f/s   target ≥ 0.80  %s", ratio, direct,
                    verdict(ratio >= 0.8 && status.equals("ready") && indexed == events));
            System.out.printf(Locale.ROOT, "upload through POST upload/ until %s: %,d events indexed in %.1f s ="
                    + " %,.0f events/s, %s%n", status, indexed, seconds, indexed / seconds, compared);
            summary.add(String.format(Locale.ROOT, "%-44s %,12.0f events/s   %s", "1. upload until ready (" + status
                    + ")", indexed / seconds, compared));

            System.out.printf(Locale.ROOT, "waited %.1f s for the analyzers run after the import%n",
                    waitForAnalyses(client, sketchId, timelineId));
            Map<String, Object> search = exploreBody();
            long[] hits = new long[1];
            Latency explore = Latency.measure(() -> {
                JsonNode page = client.post("/api/v1/sketches/" + sketchId + "/explore/", search);
                hits[0] = page.path("meta").path("es_total_count").asLong();
                return hits[0];
            }, 10, runs);
            System.out.printf(Locale.ROOT, "explore (query string + term chip + date range chip, page of 40): median"
                    + " %.1f ms, p95 %.1f ms (target ≤ 100 ms), %,d hits%n", explore.medianMillis(),
                    explore.p95Millis(), hits[0]);
            summary.add(String.format(Locale.ROOT, "%-44s %12.1f ms p95    median %.1f ms, %,d hits"
                    + "              target ≤ 100 ms %s", "2. explore, query string + 2 chips", explore.p95Millis(),
                    explore.medianMillis(), hits[0], verdict(explore.p95Millis() <= 100)));

            if (exploreOnly) {
                return;
            }
            concurrent(url, client, sketchId, csv, search);
            if (loadSeconds > 0) {
                long loadSketch = client.post("/api/v1/sketches/", Map.of("name", "load", "description", "load window"))
                        .path("objects").get(0).get("id").asLong();
                ServerBench.waitUntilDone(client, loadSketch, upload(client, loadSketch, csv, "searched"));
                loadWindow(url, client, loadSketch, csv, search);
            }
        } finally {
            server.close();
        }
    }

    /** The same CSV through the same reader and normaliser straight into a Lucene store. */
    private double directIngest(Path csv) throws IOException {
        Path index = work.resolve("direct-index");
        try (LuceneEventStore store = new LuceneEventStore(index)) {
            long started = System.nanoTime();
            long indexed;
            store.createIndex("direct");
            try (BulkWriter writer = store.bulkWriter("direct")) {
                indexed = Workload.importCsv(csv, writer, "direct").indexed();
            }
            return indexed / ((System.nanoTime() - started) / 1e9);
        } finally {
            deleteRecursively(index);
        }
    }

    /** 20 users searching in a loop while a second copy of the CSV is uploaded and imported. */
    private void concurrent(String url, Client uploader, long sketchId, Path csv, Map<String, Object> search)
            throws Exception {
        SearchLoad load = SearchLoad.start(url, users, sketchId, search);
        long started = System.nanoTime();
        long timelineId = upload(uploader, sketchId, csv, "second");
        long uploaded = System.nanoTime();
        String status = waitUntilDone(uploader, sketchId, timelineId);
        double seconds = (System.nanoTime() - started) / 1e9;
        SearchLoad.Figures figures = load.stop();
        System.out.printf(Locale.ROOT, "  while the file was uploaded (%.1f s): %s; while it was imported: %s%n",
                (uploaded - started) / 1e9, load.p95Between(Long.MIN_VALUE, uploaded),
                load.p95Between(uploaded, Long.MAX_VALUE));
        System.out.printf(Locale.ROOT, "%d concurrent searching users during a %,d-event import (%s after %.1f s):"
                + " %,d searches, median %.1f ms, p95 %.1f ms (target ≤ 300 ms), %d errors (target 0)%n", users,
                events, status, seconds, figures.searches(), figures.median(), figures.p95(), figures.errors());
        figures.firstErrors().forEach(e -> System.out.println("  error: " + e));
        summary.add(String.format(Locale.ROOT, "%-44s %12.1f ms p95    %,d searches, %d errors, median %.1f ms"
                + "  target ≤ 300 ms, 0 errors %s", "3. " + users + " users searching during an import",
                figures.p95(), figures.searches(), figures.errors(), figures.median(),
                verdict(figures.met() && status.equals("ready"))));
    }

    /**
     * The load figure of the reliability issue: the same searchers for a fixed window of
     * {@code --load-seconds} (default 60) while one importer uploads copies of the CSV back to back;
     * the import running when the window closes is waited for, and every import must end ready.
     */
    private void loadWindow(String url, Client uploader, long sketchId, Path csv, Map<String, Object> search)
            throws Exception {
        SearchLoad load = SearchLoad.start(url, users, sketchId, search);
        long end = System.nanoTime() + loadSeconds * 1_000_000_000L;
        int imports = 0;
        int notReady = 0;
        SearchLoad.Figures figures = null;
        while (figures == null) {
            long timelineId = upload(uploader, sketchId, csv, "load-" + imports);
            String status = waitUntilDone(uploader, sketchId, timelineId);
            imports++;
            notReady += status.equals("ready") ? 0 : 1;
            if (System.nanoTime() >= end) {
                figures = load.stop();
            }
        }
        System.out.printf(Locale.ROOT, "%d searching users + 1 importer for %d s: %,d searches, p50 %.1f ms, p95 %.1f ms,"
                        + " %d errors; %d imports of %,d events (%d not ready)%n", users, loadSeconds,
                figures.searches(), figures.median(), figures.p95(), figures.errors(), imports, events, notReady);
        figures.firstErrors().forEach(e -> System.out.println("  error: " + e));
        summary.add(String.format(Locale.ROOT, "%-44s %12.1f ms p95    %,d searches, %d errors, p50 %.1f ms, %d imports"
                        + "  target ≤ 300 ms, 0 errors %s", "4. " + users + " searchers + 1 import, " + loadSeconds + " s",
                figures.p95(), figures.searches(), figures.errors(), figures.median(), imports,
                verdict(figures.met() && notReady == 0)));
    }

    /** Searching users, each in a loop over the explore request, until stopped; their latencies and errors. */
    private static final class SearchLoad {

        /** What the searchers saw. */
        record Figures(long searches, double median, double p95, long errors, List<String> firstErrors) {
            boolean met() {
                return p95 <= 300 && errors == 0 && searches > 0;
            }
        }

        /** Each search's start (System.nanoTime) and duration. */
        private final ConcurrentLinkedQueue<long[]> nanos = new ConcurrentLinkedQueue<>();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> searchers = new ArrayList<>();
        private final List<String> firstErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

        static SearchLoad start(String url, int users, long sketchId, Map<String, Object> search) {
            SearchLoad load = new SearchLoad();
            for (int u = 0; u < users; u++) {
                Client user = Client.login(url);
                load.searchers.add(Thread.ofPlatform().name("searcher-" + u).start(() -> load.search(user, sketchId,
                        search)));
            }
            return load;
        }

        private void search(Client user, long sketchId, Map<String, Object> search) {
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    Client.Response response = user.send("/api/v1/sketches/" + sketchId + "/explore/", search);
                    if (response.status() == 200) {
                        nanos.add(new long[] {started, System.nanoTime() - started});
                    } else {
                        error(response.status() + " " + response.body());
                    }
                } catch (RuntimeException e) {
                    error(e.toString());
                }
            }
        }

        private void error(String what) {
            errors.incrementAndGet();
            if (firstErrors.size() < 3) {
                firstErrors.add(what);
            }
        }

        Figures stop() throws InterruptedException {
            running.set(false);
            for (Thread searcher : searchers) {
                searcher.join();
            }
            long[] sorted = nanos.stream().mapToLong(n -> n[1]).sorted().toArray();
            return new Figures(sorted.length, percentile(sorted, 0.5), percentile(sorted, 0.95), errors.get(),
                    List.copyOf(firstErrors));
        }

        /** The p95 of the searches that started in [from, to) (System.nanoTime), and how many there were. */
        String p95Between(long from, long to) {
            long[] sorted = nanos.stream().filter(n -> n[0] >= from && n[0] < to).mapToLong(n -> n[1]).sorted()
                    .toArray();
            return String.format(Locale.ROOT, "p95 %.1f ms of %,d searches", percentile(sorted, 0.95), sorted.length);
        }

        private static double percentile(long[] sorted, double p) {
            return sorted.length == 0 ? Double.NaN
                    : sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)] / 1e6;
        }
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }

    private void printSummary() {
        System.out.printf(Locale.ROOT, "%n== server benchmark, %,d events, %d cores ==%n", events,
                Runtime.getRuntime().availableProcessors());
        summary.forEach(System.out::println);
    }

    private static Map<String, Object> exploreBody() {
        long start = Workload.RANGE_START;
        long end = Workload.RANGE_END;
        Map<String, Object> term = chip("data_type", "term", "windows:evtx:record");
        Map<String, Object> range = chip("", "datetime_range",
                CHIP_TIME.format(Instant.ofEpochSecond(start / 1_000_000)) + ","
                        + CHIP_TIME.format(Instant.ofEpochSecond(end / 1_000_000)));
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("indices", "_all");
        filter.put("size", 40);
        filter.put("order", "asc");
        filter.put("chips", List.of(term, range));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", Workload.QUERY_STRING);
        body.put("filter", filter);
        body.put("dsl", null);
        body.put("fields", "");
        body.put("enable_scroll", true);
        return body;
    }

    private static Map<String, Object> chip(String field, String type, String value) {
        Map<String, Object> chip = new LinkedHashMap<>();
        chip.put("field", field);
        chip.put("type", type);
        chip.put("operator", "must");
        chip.put("active", true);
        chip.put("value", value);
        return chip;
    }

    /** Sends the file in chunks like the importer sends big files; returns the timeline id. */
    static long upload(Client client, long sketchId, Path csv, String name) throws IOException {
        return upload(client, sketchId, csv, name, UUID.randomUUID().toString().replace("-", ""));
    }

    /** As {@link #upload(Client, long, Path, String)} under a given chunk key, as a client re-sending an upload. */
    static long upload(Client client, long sketchId, Path csv, String name, String uploadKey) throws IOException {
        long size = Files.size(csv);
        int chunks = chunks(csv);
        JsonNode last = null;
        try (InputStream in = Files.newInputStream(csv)) {
            for (int i = 0; i < chunks; i++) {
                byte[] part = in.readNBytes((int) Math.min(CHUNK_BYTES, size - (long) i * CHUNK_BYTES));
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("name", name);
                fields.put("sketch_id", String.valueOf(sketchId));
                fields.put("data_label", "");
                fields.put("provider", "ServerBench");
                fields.put("total_file_size", String.valueOf(size));
                fields.put("chunk_total_chunks", String.valueOf(chunks));
                fields.put("chunk_index_name", uploadKey);
                fields.put("chunk_index", String.valueOf(i));
                fields.put("chunk_byte_offset", String.valueOf((long) i * CHUNK_BYTES));
                Client.Response response = client.multipart("/api/v1/upload/", fields, name + ".csv", part);
                if (response.status() != 201 && response.status() != 200) {
                    throw new IllegalStateException("upload chunk " + i + " failed: " + response.status() + " "
                            + response.body());
                }
                last = response.json();
            }
        }
        return last.path("objects").get(0).get("id").asLong();
    }

    /** How many chunks {@link #upload} sends the file in. */
    static int chunks(Path csv) throws IOException {
        return (int) ((Files.size(csv) + CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    static String waitUntilDone(Client client, long sketchId, long timelineId) throws InterruptedException {
        while (true) {
            JsonNode timeline = client.get("/api/v1/sketches/" + sketchId + "/timelines/" + timelineId + "/")
                    .path("objects").get(0);
            String status = timeline.path("status").get(0).path("status").asString();
            if (!status.equals("processing") && !status.equals("new")) {
                if (!status.equals("ready")) {
                    System.out.println("timeline " + timelineId + " ended " + status + ": " + timeline.path("datasources"));
                }
                return status;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until the analyzers queued after the timeline's import have ended (none queued: returns
     * after a few seconds), so that the explore figure measures the searches and not the auto-run
     * analyzers sharing the cores; the phases under load measure that.
     */
    static double waitForAnalyses(Client client, long sketchId, long timelineId) throws InterruptedException {
        long started = System.nanoTime();
        while (true) {
            JsonNode analyses = client.get("/api/v1/sketches/" + sketchId + "/timelines/" + timelineId + "/analysis/")
                    .path("objects").path(0);
            boolean running = false;
            for (JsonNode analysis : analyses) {
                String status = analysis.path("status").path(0).path("status").asString();
                running |= !status.equals("DONE") && !status.equals("ERROR");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!running && (!analyses.isEmpty() || seconds > 5)) {
                return seconds;
            }
            Thread.sleep(500);
        }
    }

    static long count(Client client, long sketchId) {
        return client.post("/api/v1/sketches/" + sketchId + "/explore/", Map.of("query", "*", "filter",
                Map.of("indices", "_all"), "count", true)).path("meta").path("total_count").asLong();
    }

    /** Empties {@code work} and writes the generated {@code events}-event CSV of {@code seed} into it. */
    static Path freshCsv(Path work, String name, long events, long seed) throws IOException {
        deleteRecursively(work);
        Files.createDirectories(work);
        Path csv = work.resolve(name);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(csv), StandardCharsets.UTF_8),
                1 << 16)) {
            EventGenerator.writeCsv(events, seed, out);
        }
        return csv;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A Timesketch-client-like HTTP session: CSRF login, session cookie, {@code X-CSRFToken} on every call. */
    static final class Client {
        private static final Pattern CSRF = Pattern.compile("id=\"csrf_token\"[^>]*value=\"([^\"]*)\"");

        record Response(int status, String body) {
            JsonNode json() {
                return JSON.readTree(body);
            }
        }

        private final String base;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private String csrfToken = "";

        private Client(String base) {
            this.base = base;
        }

        static Client login(String base) {
            Client client = new Client(base);
            Response page = client.exchange(HttpRequest.newBuilder(URI.create(base + "/login/?local_auth=1")).GET());
            Matcher m = CSRF.matcher(page.body());
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the login page");
            }
            client.csrfToken = m.group(1);
            String form = "username=bench&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                    + "&csrf_token=" + URLEncoder.encode(client.csrfToken, StandardCharsets.UTF_8);
            Response login = client.exchange(client.headers(URI.create(base + "/login/?local_auth=1"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            if (login.status() != 302) {
                throw new IllegalStateException("login failed: " + login.status());
            }
            return client;
        }

        JsonNode get(String path) {
            return checked(exchange(headers(URI.create(base + path)).GET()));
        }

        JsonNode post(String path, Object body) {
            return checked(send(path, body));
        }

        Response send(String path, Object body) {
            return exchange(headers(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        }

        Response multipart(String path, Map<String, String> fields, String fileName, byte[] file) {
            String boundary = UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 4096);
            StringBuilder head = new StringBuilder();
            fields.forEach((k, v) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                    .append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return exchange(headers(URI.create(base + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
        }

        private HttpRequest.Builder headers(URI uri) {
            return HttpRequest.newBuilder(uri).header("x-csrftoken", csrfToken).header("referer", base);
        }

        private static JsonNode checked(Response response) {
            if (response.status() != 200 && response.status() != 201) {
                throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
            }
            return response.json();
        }

        private Response exchange(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
