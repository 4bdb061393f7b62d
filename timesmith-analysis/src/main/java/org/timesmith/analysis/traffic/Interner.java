package org.timesmith.analysis.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense ids (0, 1, 2, …) for the few thousand distinct strings of a run (addresses, protocols), so
 * that counters and pair keys are arrays and packed longs instead of maps keyed by strings built per
 * connection. Each string is hashed once per lookup (its hash is cached by the string); the id turns
 * back into the same string instance.
 */
final class Interner {

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final int limit;
    private final String what;

    /** At most {@code limit} distinct strings; {@code what} names them in the error past it. */
    Interner(int limit, String what) {
        this.limit = limit;
        this.what = what;
    }

    /** The id of a string, a new one (the next) if it was not seen before. */
    int id(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            if (names.size() >= limit) {
                throw new IllegalStateException("more than " + limit + " distinct " + what);
            }
            id = names.size();
            ids.put(name, id);
            names.add(name);
        }
        return id;
    }

    String name(int id) {
        return names.get(id);
    }

    int size() {
        return names.size();
    }
}
