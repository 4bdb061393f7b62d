package org.timesmith.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the benchmark programs share on their command line: {@code --name value} options and
 * {@code --name} switches, each known to the program (anything else is an error naming what is
 * known), and the start and end of a run.
 */
final class BenchCli {

    /** Lucene's start-up advice about the incubating vector API would land in the middle of the figures. */
    private static final Logger VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switchesGiven = new HashSet<>();

    private BenchCli() {
    }

    /**
     * @param options  names that take a value, with what the value is (for the error message),
     *                 e.g. {@code "--events", "N"}
     * @param switches names without a value
     */
    static BenchCli parse(String[] args, Map<String, String> options, Set<String> switches) {
        quietLucene();
        BenchCli cli = new BenchCli();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (switches.contains(name)) {
                cli.switchesGiven.add(name);
            } else if (options.containsKey(name) && i + 1 < args.length) {
                cli.values.put(name, args[++i]);
            } else {
                List<String> known = new ArrayList<>(switches);
                options.forEach((option, what) -> known.add(option + " " + what));
                Collections.sort(known);
                throw new IllegalArgumentException((options.containsKey(name) ? name + " needs a value"
                        : "unknown argument " + name) + " (known: " + String.join(", ", known) + ")");
            }
        }
        return cli;
    }

    static void quietLucene() {
        VECTORIZATION.setLevel(Level.SEVERE);
    }

    boolean has(String switchName) {
        return switchesGiven.contains(switchName);
    }

    /** A count; {@code _} may group digits ({@code 1_000_000}). */
    long longValue(String name, long fallback) {
        return values.containsKey(name) ? Long.parseLong(values.get(name).replace("_", "")) : fallback;
    }

    int intValue(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : fallback;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Path path(String name, Path fallback) {
        return values.containsKey(name) ? Path.of(values.get(name)) : fallback;
    }

    /** Prints the machine's load (figures from a busy machine are worth less) and ends the JVM. */
    static void finish() {
        System.out.printf(Locale.ROOT, "system load average at the end: %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }
}
