package org.timesmith.server.sigma;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.timesmith.analysis.sigma.SigmaAnalyzer;
import org.timesmith.analysis.sigma.SigmaConfig;
import org.timesmith.analysis.sigma.SigmaConverter;
import org.timesmith.server.analysis.AnalyzerBeans;

/** The Sigma conversion with Timesketch's field mapping, and the installed rules as the Sigma analyzer's resource. */
@Configuration
public class SigmaBeans {

    @Bean
    SigmaConverter sigmaConverter() {
        return new SigmaConverter(SigmaConfig.timesketch());
    }

    /** The installed rules, offered to the Sigma analyzer (found by ServiceLoader) through its context. */
    @Bean
    @Qualifier(AnalyzerBeans.RESOURCE)
    SigmaAnalyzer.RuleSource sigmaRuleSource(@Lazy SigmaRuleService rules, SigmaConverter converter) {
        return SigmaAnalyzer.RuleSource.of(rules::activeRules, converter);
    }
}
