package org.timesmith.server.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits on the JSON the server reads (request bodies, and JSON inside them such as a query DSL
 * given as text), under {@code timesmith.json.*}: a request beyond one is refused with 400 and a
 * message naming the limit, before it can exhaust memory or stack. Defaults fit every client of
 * Timesketch's API (events travel as multipart uploads, not JSON bodies).
 *
 * @param maxNestingDepth   deepest nesting of arrays and objects (default 500)
 * @param maxDocumentLength longest JSON document (default 50MB); it bounds JSON request bodies
 * @param maxStringLength   longest single string value (default 20MB)
 */
@ConfigurationProperties("timesmith.json")
public record JsonLimits(Integer maxNestingDepth, DataSize maxDocumentLength, DataSize maxStringLength) {

    public JsonLimits {
        maxNestingDepth = maxNestingDepth == null ? 500 : maxNestingDepth;
        maxDocumentLength = maxDocumentLength == null ? DataSize.ofMegabytes(50) : maxDocumentLength;
        maxStringLength = maxStringLength == null ? DataSize.ofMegabytes(20) : maxStringLength;
    }

    public StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth)
                .maxDocumentLength(maxDocumentLength.toBytes())
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxStringLength.toBytes())).build();
    }

    /** Spring Boot's JSON mapper builder (with every customizer applied as Boot does) on a factory with these limits. */
    @Configuration(proxyBeanMethods = false)
    static class JsonLimitsConfig {

        @Bean
        @Scope("prototype")
        JsonMapper.Builder jsonMapperBuilder(JsonLimits limits, List<JsonMapperBuilderCustomizer> customizers) {
            JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(limits.constraints()).build());
            List<JsonMapperBuilderCustomizer> ordered = new java.util.ArrayList<>(customizers);
            AnnotationAwareOrderComparator.sort(ordered);
            ordered.forEach(customizer -> customizer.customize(builder));
            return builder;
        }
    }
}
