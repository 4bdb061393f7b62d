package org.timesmith.store.opensearch;

import java.util.List;
import org.timesmith.core.store.StoreException;

/** An existing index cannot be adopted as a timeline; {@link #problems()} lists every reason. */
public class UnsuitableIndexException extends StoreException {

    private final List<String> problems;

    public UnsuitableIndexException(List<String> problems) {
        super("the index cannot be used as a timeline: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
