package org.timesmith.core.store;

/**
 * One kind of {@link EventStore}, found by name through {@link java.util.ServiceLoader}: the server
 * opens the one {@code timesmith.store} names. A new store is a module with its store and a provider
 * listed in its {@code META-INF/services/org.timesmith.core.store.EventStoreProvider}; the server
 * only needs the module on its class path.
 */
public interface EventStoreProvider {

    /** The lower-case value of {@code timesmith.store} that selects it. */
    String name();

    /** What it is and how it is configured, for the message listing the valid stores. */
    String description();

    /**
     * Opens the store.
     *
     * @param settings where the node keeps its data and the store's own settings
     *                 ({@code timesmith.<name>.*})
     * @throws IllegalArgumentException for invalid settings, with a message naming them
     */
    EventStore open(StoreSettings settings);
}
