package org.timesmith.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStoreProvider;
import org.timesmith.core.store.StoreSettings;

/**
 * Opens the event store {@code timesmith.store} names: the {@link EventStoreProvider} of that name on
 * the class path (the embedded Lucene store under {@code TIMESMITH_HOME/index} by default), given its
 * settings under {@code timesmith.<name>.*}. An unknown value already fails the start when
 * {@link TimesmithProperties} is bound, with a message listing the valid values, instead of leaving
 * the store missing.
 */
@Configuration
public class EventStoreConfig {

    @Bean(destroyMethod = "close")
    EventStore eventStore(TimesmithProperties properties, Environment environment) {
        EventStoreProvider provider = EventStoreProviders.byName(properties.store())
                .orElseThrow(() -> new IllegalStateException("unhandled timesmith.store " + properties.store()));
        return provider.open(new BoundSettings(properties.index(), "timesmith." + provider.name() + ".",
                Binder.get(environment)));
    }

    /** Settings read through Spring's relaxed binding (YAML, properties, environment variables). */
    private record BoundSettings(Path indexDirectory, String prefix, Binder binder) implements StoreSettings {

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(binder.bind(name(key), String.class).orElse(null));
        }

        @Override
        public List<String> getList(String key) {
            return binder.bind(name(key), Bindable.listOf(String.class)).orElse(List.of()).stream()
                    .map(String::strip).filter(value -> !value.isEmpty()).toList();
        }

        @Override
        public String name(String key) {
            return prefix + key;
        }
    }
}
