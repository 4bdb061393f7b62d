package org.timesmith.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a host (the server, a test, a benchmark) offers its analyzers besides events, looked up by
 * type through {@link AnalysisContext#resource}: for example the installed Sigma rules. Analyzers
 * are found by {@link java.util.ServiceLoader} and have no constructor arguments, so this is how
 * they reach host services without depending on the host.
 */
public final class AnalyzerResources {

    public static final AnalyzerResources NONE = new AnalyzerResources(List.of());

    private final List<Object> resources;

    public AnalyzerResources(Collection<?> resources) {
        this.resources = new ArrayList<>(resources);
    }

    public static AnalyzerResources of(Object... resources) {
        return new AnalyzerResources(List.of(resources));
    }

    public <T> Optional<T> get(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
