package org.timesmith.server.sigma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.timesmith.analysis.sigma.SigmaAnalyzer;
import org.timesmith.analysis.sigma.SigmaConfig;
import org.timesmith.analysis.sigma.SigmaConverter;
import org.timesmith.server.analysis.AnalyzerBeans;

/**
 * The Sigma conversion with Timesketch's field mapping and the values of the {@code expand}
 * modifier's placeholders ({@code timesmith.sigma.placeholders.<name>=value,value}), and the
 * installed rules as the Sigma analyzer's resource.
 */
@Configuration
public class SigmaBeans {

    static final String PLACEHOLDERS = "timesmith.sigma.placeholders";

    @Bean
    SigmaConverter sigmaConverter(Environment environment) {
        Map<String, String[]> bound = Binder.get(environment)
                .bind(PLACEHOLDERS, Bindable.mapOf(String.class, String[].class)).orElse(Map.of());
        Map<String, List<String>> placeholders = new LinkedHashMap<>();
        bound.forEach((name, values) -> placeholders.put(name, List.of(values)));
        return new SigmaConverter(SigmaConfig.timesketch(), placeholders);
    }

    /** The installed rules, offered to the Sigma analyzer (found by ServiceLoader) through its context. */
    @Bean
    @Qualifier(AnalyzerBeans.RESOURCE)
    SigmaAnalyzer.RuleSource sigmaRuleSource(@Lazy SigmaRuleService rules, SigmaConverter converter) {
        return SigmaAnalyzer.RuleSource.of(rules::activeRules, converter);
    }
}
