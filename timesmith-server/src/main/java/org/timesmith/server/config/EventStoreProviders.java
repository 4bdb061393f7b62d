package org.timesmith.server.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.timesmith.core.store.EventStoreProvider;

/**
 * The event stores on the class path ({@link EventStoreProvider}s found through
 * {@link ServiceLoader}), by name, so choosing one is a lookup and adding one touches only its module.
 */
final class EventStoreProviders {

    private static final List<EventStoreProvider> PROVIDERS = ServiceLoader.load(EventStoreProvider.class,
            EventStoreProviders.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(EventStoreProvider::name)).toList();

    private EventStoreProviders() {
    }

    /** The valid values of {@code timesmith.store}, sorted. */
    static List<String> names() {
        return PROVIDERS.stream().map(EventStoreProvider::name).toList();
    }

    static Optional<EventStoreProvider> byName(String name) {
        return PROVIDERS.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** "lucene: the embedded index …; opensearch: a cluster …", for the message listing the stores. */
    static String described() {
        return String.join("; ", PROVIDERS.stream().map(p -> p.name() + ": " + p.description()).toList());
    }
}
