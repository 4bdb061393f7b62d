package org.timesmith.analysis.chain;

import java.util.List;
import java.util.Optional;
import org.timesmith.core.search.StoredEvent;

/**
 * One kind of link for the chain analyzer (Timesketch's chain plugins): which events start a chain
 * and what name they point at (the file downloaded, the program run), and which other events carry
 * that name. Instead of Timesketch's query per base event, the analyzer reads the base events once,
 * then the candidate events once, and looks each candidate's {@link #keys} up among the names.
 */
interface ChainPlugin {

    /** Timesketch's plugin name, written as {@code plugin} in each chain entry. */
    String name();

    String baseQuery();

    List<String> baseFields();

    /** The name the base event points at, lower case; empty if this event starts no chain. */
    Optional<String> target(StoredEvent base);

    String candidateQuery();

    List<String> candidateFields();

    /** The names (lower case) under which a candidate is linked to base events with that target. */
    List<String> keys(StoredEvent candidate);

    /** The last part of a Windows or Unix path. */
    static String baseName(String path) {
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(cut + 1);
    }
}
