package org.timesmith.server.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.timesmith.core.store.EventStore;
import org.timesmith.store.lucene.LuceneEventStore;
import org.timesmith.store.opensearch.OpenSearchEventStore;

/**
 * Chooses the event store by {@code timesmith.store}: the embedded Lucene store under
 * {@code TIMESMITH_HOME/index} by default, or an OpenSearch cluster ({@link OpenSearchProperties}).
 * One bean for both, so an unknown value fails the start when {@link TimesmithProperties} is bound,
 * with a message listing the valid values, instead of leaving the store missing.
 */
@Configuration
public class EventStoreConfig {

    @Bean(destroyMethod = "close")
    EventStore eventStore(TimesmithProperties properties, OpenSearchProperties openSearch) {
        return switch (properties.store()) {
            case "opensearch" -> new OpenSearchEventStore(openSearch.storeConfig());
            case "lucene" -> new LuceneEventStore(properties.index());
            default -> throw new IllegalStateException("unhandled timesmith.store " + properties.store());
        };
    }
}
