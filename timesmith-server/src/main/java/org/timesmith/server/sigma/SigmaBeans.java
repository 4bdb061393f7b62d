package org.timesmith.server.sigma;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.timesmith.analysis.sigma.SigmaAnalyzer;
import org.timesmith.analysis.sigma.SigmaConfig;
import org.timesmith.analysis.sigma.SigmaConverter;

/** The Sigma conversion with Timesketch's field mapping, and the Sigma analyzer over the installed rules. */
@Configuration
public class SigmaBeans {

    @Bean
    SigmaConverter sigmaConverter() {
        return new SigmaConverter(SigmaConfig.timesketch());
    }

    @Bean
    SigmaAnalyzer sigmaAnalyzer(@Lazy SigmaRuleService rules, SigmaConverter converter) {
        return new SigmaAnalyzer(rules::activeRules, converter);
    }
}
