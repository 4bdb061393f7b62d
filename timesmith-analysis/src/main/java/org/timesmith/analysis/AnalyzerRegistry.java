package org.timesmith.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The analyzers a server offers, by name. {@link #discover} finds every analyzer listed in
 * {@code META-INF/services/org.timesmith.analysis.Analyzer} on the class path, so adding an analyzer
 * is one class and one line there.
 * Names are unique; clients select analyzers by name or by shell-style patterns ({@code *}, {@code ?},
 * {@code [abc]}) as Timesketch's {@code analyzer_names} are fnmatch patterns.
 */
public final class AnalyzerRegistry {

    private final Map<String, Analyzer> byName = new TreeMap<>();

    public AnalyzerRegistry(Collection<? extends Analyzer> analyzers) {
        for (Analyzer analyzer : analyzers) {
            String name = analyzer.name();
            if (name == null || !name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("analyzer name '" + name + "' of " + analyzer.getClass().getName()
                        + " must be lowercase letters, digits and '_'");
            }
            Analyzer previous = byName.putIfAbsent(name, analyzer);
            if (previous != null) {
                throw new IllegalArgumentException("two analyzers are named '" + name + "': "
                        + previous.getClass().getName() + " and " + analyzer.getClass().getName());
            }
        }
    }

    /** Every analyzer {@link ServiceLoader} finds through the class loader. */
    public static AnalyzerRegistry discover(ClassLoader loader) {
        List<Analyzer> found = new ArrayList<>();
        ServiceLoader.load(Analyzer.class, loader).forEach(found::add);
        return new AnalyzerRegistry(found);
    }

    /** All analyzers, by name. */
    public List<Analyzer> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Analyzer> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The analyzers whose name matches at least one pattern, by name, each once. */
    public List<Analyzer> matching(Collection<String> patterns) {
        List<Pattern> compiled = patterns.stream().map(AnalyzerRegistry::glob).toList();
        List<Analyzer> matches = new ArrayList<>();
        for (Analyzer analyzer : byName.values()) {
            if (compiled.stream().anyMatch(p -> p.matcher(analyzer.name()).matches())) {
                matches.add(analyzer);
            }
        }
        return matches;
    }

    /** A shell-style pattern as a regular expression; an unclosed {@code [} is a literal. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int close = c == '[' ? pattern.indexOf(']', i + 2) : -1;
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (close > 0) {
                String set = pattern.substring(i + 1, close);
                boolean negated = set.startsWith("!");
                String body = negated ? set.substring(1) : set;
                regex.append('[').append(negated ? "^" : "").append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
