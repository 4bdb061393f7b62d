package org.timesmith.core.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an {@link EventStoreProvider} is given to open its store: the node's data directory and its
 * own settings under {@code timesmith.<store name>.*}, looked up by the key after that prefix in
 * kebab case ({@code index-prefix}); the server resolves them from its configuration, environment
 * variables included.
 */
public interface StoreSettings {

    /** The directory for an embedded store's files ({@code TIMESMITH_HOME/index}). */
    Path indexDirectory();

    /** One value, if set. */
    Optional<String> get(String key);

    /** A list value (a YAML list or comma-separated text), empty if not set. */
    List<String> getList(String key);

    /**
     * A whole number, if set.
     *
     * @throws IllegalArgumentException when it is not one, naming the setting
     */
    default Optional<Integer> getInt(String key) {
        return get(key).map(value -> {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name(key) + " must be a whole number, not '" + value + "'");
            }
        });
    }

    /** A boolean ({@code true} or {@code false}), if set. */
    default Optional<Boolean> getBoolean(String key) {
        return get(key).map(value -> switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name(key) + " must be true or false, not '" + value + "'");
        });
    }

    /** The full name of a setting, for messages ({@code timesmith.opensearch.hosts}). */
    String name(String key);
}
