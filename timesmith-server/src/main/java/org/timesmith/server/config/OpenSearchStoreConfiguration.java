package org.timesmith.server.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.timesmith.core.store.EventStore;
import org.timesmith.store.opensearch.OpenSearchEventStore;

/** The event store on an OpenSearch cluster, chosen with {@code timesmith.store=opensearch}. */
@Configuration
public class OpenSearchStoreConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "timesmith.store", havingValue = "opensearch")
    EventStore openSearchEventStore(OpenSearchProperties properties) {
        return new OpenSearchEventStore(properties.storeConfig());
    }
}
