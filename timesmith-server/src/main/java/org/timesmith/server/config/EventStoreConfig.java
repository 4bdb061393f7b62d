package org.timesmith.server.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.timesmith.core.store.EventStore;
import org.timesmith.store.lucene.LuceneEventStore;

/**
 * Chooses the event store by {@code timesmith.store}: the embedded Lucene store under
 * {@code TIMESMITH_HOME/index} by default. (OpenSearch joins here as {@code opensearch}.)
 */
@Configuration
public class EventStoreConfig {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "timesmith.store", havingValue = "lucene", matchIfMissing = true)
    EventStore luceneEventStore(TimesmithProperties properties) {
        return new LuceneEventStore(properties.index());
    }
}
