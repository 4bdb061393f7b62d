package org.timesmith.server.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.timesmith.core.store.EventStore;

/** Chooses the event store by {@code timesmith.store}: the embedded Lucene store by default. */
@Configuration
public class EventStoreConfig {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "timesmith.store", havingValue = "lucene", matchIfMissing = true)
    EventStore luceneEventStore(TimesmithProperties properties) {
        throw new IllegalStateException("the embedded Lucene event store is not part of this build yet;"
                + " index directory would be " + properties.index());
    }
}
