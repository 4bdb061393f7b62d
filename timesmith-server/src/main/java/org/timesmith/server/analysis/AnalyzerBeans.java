package org.timesmith.server.analysis;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.timesmith.analysis.Analyzer;
import org.timesmith.analysis.AnalyzerRegistry;
import org.timesmith.analysis.domain.DomainAnalyzer;

/**
 * The analyzers the server offers: every {@link Analyzer} bean in the application (the Sigma
 * analyzer comes from the sigma package); adding an analyzer is adding a bean.
 */
@Configuration
public class AnalyzerBeans {

    @Bean
    DomainAnalyzer domainAnalyzer() {
        return new DomainAnalyzer();
    }

    @Bean
    AnalyzerRegistry analyzerRegistry(List<Analyzer> analyzers) {
        return new AnalyzerRegistry(analyzers);
    }
}
