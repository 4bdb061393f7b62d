package org.timesmith.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fuzzes every input reader with Jazzer for a bounded time and prints what it found:
 * {@code BENCH_MAIN=FuzzReaders timesmith-bench/bench [--seconds 60] [--formats csv,jsonl,...] [--seeds DIR]}.
 * Each format runs in a child JVM of its own ({@link ReaderFuzzTarget} with the format's extension),
 * seeded with the files of that extension under the seed folder (default: the shared fixtures) and
 * with the corpus of earlier runs in {@code timesmith-bench/target/fuzz/FORMAT/corpus}. A finding's
 * input lands in {@code …/FORMAT/findings}; once fixed, it belongs in timesmith-core's regression
 * corpus ({@code src/test/resources/fuzz/}), which {@code ReaderFuzzCorpusTest} reads on every build.
 */
public final class FuzzReaders {

    /** Format → file extension the readers detect it by. */
    private static final Map<String, String> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("csv", "csv");
        FORMATS.put("jsonl", "jsonl");
        FORMATS.put("json", "json");
        FORMATS.put("zeek", "log");
        FORMATS.put("xlsx", "xlsx");
        FORMATS.put("plaso", "plaso");
    }

    private static final Pattern DONE = Pattern.compile("^#(\\d+)\\s+DONE\\s+cov: (\\d+).*exec/s: (\\d+)");
    private static final Pattern STATUS = Pattern.compile("^#(\\d+)\\s+\\w+\\s+cov: (\\d+)");

    private FuzzReaders() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 60;
        List<String> formats = new ArrayList<>(FORMATS.keySet());
        Path seeds = Path.of("../shared/fixtures");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--formats" -> formats = List.of(args[++i].split(","));
                case "--seeds" -> seeds = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--seconds N, --formats csv,jsonl,json,zeek,xlsx,plaso, --seeds DIR)");
            }
        }
        Path work = Path.of("timesmith-bench/target/fuzz").toAbsolutePath();
        String classPath = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.out.printf(Locale.ROOT, "%-6s %10s %8s %8s %9s %s%n", "format", "execs", "exec/s", "cov", "findings", "where");
        int totalFindings = 0;
        for (String format : formats) {
            String extension = FORMATS.get(format);
            if (extension == null) {
                throw new IllegalArgumentException("unknown format " + format + "; known: " + FORMATS.keySet());
            }
            Path corpus = Files.createDirectories(work.resolve(format).resolve("corpus"));
            Path findings = Files.createDirectories(work.resolve(format).resolve("findings"));
            int seeded = seed(seeds, extension, corpus);
            List<String> command = List.of(java, "-Xmx1g", "-Dtimesmith.fuzz.extension=" + extension, "-cp", classPath,
                    "com.code_intelligence.jazzer.Jazzer",
                    "--target_class=" + ReaderFuzzTarget.class.getName(),
                    "--instrumentation_includes=org.timesmith.**",
                    "--keep_going=50", "--reproducer_path=" + findings,
                    "-max_total_time=" + seconds, "-timeout=20", "-rss_limit_mb=2048",
                    "-artifact_prefix=" + findings + "/", corpus.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            long execs = 0;
            long perSecond = 0;
            long coverage = 0;
            List<String> problems = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher done = DONE.matcher(line);
                    Matcher status = STATUS.matcher(line);
                    if (done.find()) {
                        execs = Long.parseLong(done.group(1));
                        coverage = Long.parseLong(done.group(2));
                        perSecond = Long.parseLong(done.group(3));
                    } else if (status.find()) {
                        execs = Long.parseLong(status.group(1));
                        coverage = Long.parseLong(status.group(2));
                    }
                    if (line.startsWith("== Java Exception:") || line.contains("ERROR: libFuzzer")) {
                        problems.add(line);
                    }
                }
            }
            process.waitFor();
            // libFuzzer's artifacts: crash-, timeout-, oom- are findings; slow-unit- only a slow input
            long found;
            long slow;
            try (Stream<Path> files = Files.list(findings)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                slow = names.stream().filter(n -> n.startsWith("slow-unit-")).count();
                found = names.size() - slow;
            }
            totalFindings += (int) found;
            System.out.printf(Locale.ROOT, "%-6s %,10d %8d %8d %9d %s (seeded with %d files%s)%n", format, execs,
                    perSecond, coverage, found, work.resolve(format), seeded, slow == 0 ? "" : "; " + slow + " slow inputs");
            problems.stream().distinct().limit(5).forEach(p -> System.out.println("       " + p));
        }
        System.out.println(totalFindings == 0 ? "no findings" : totalFindings + " findings: inputs in " + work + "/*/findings");
    }

    /** Copies seed files of the extension (at most 20, at most 1 MiB each) into the corpus; returns how many. */
    private static int seed(Path seeds, String extension, Path corpus) throws IOException {
        if (!Files.isDirectory(seeds)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(seeds)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith("." + extension))
                    .filter(p -> p.toFile().length() <= 1 << 20).sorted().limit(20).toList();
        }
        int n = 0;
        for (Path file : files) {
            Path target = corpus.resolve("seed-" + n++ + "-" + file.getFileName());
            if (!Files.exists(target)) {
                Files.copy(file, target);
            }
        }
        return n;
    }
}
