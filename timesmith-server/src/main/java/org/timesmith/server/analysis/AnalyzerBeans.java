package org.timesmith.server.analysis;

import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.timesmith.analysis.AnalyzerConfigFiles;
import org.timesmith.analysis.AnalyzerRegistry;
import org.timesmith.analysis.AnalyzerResources;

/**
 * The analyzers the server offers: every analyzer {@link java.util.ServiceLoader} finds on the class
 * path ({@code META-INF/services/org.timesmith.analysis.Analyzer}), and the resources they may ask
 * their context for: every bean qualified {@value #RESOURCE} (the sigma package offers its rules so).
 */
@Configuration
public class AnalyzerBeans {

    /** The qualifier of beans offered to analyzers through {@code AnalysisContext.resource}. */
    public static final String RESOURCE = "analyzerResource";

    @Bean
    AnalyzerRegistry analyzerRegistry() {
        return AnalyzerRegistry.discover(AnalyzerBeans.class.getClassLoader());
    }

    /** Where the deployment's own tags.yaml, regex_features.yaml, winevt_features.yaml are (default: HOME/analyzers). */
    @Bean
    @Qualifier(RESOURCE)
    AnalyzerConfigFiles analyzerConfigFiles(org.timesmith.server.config.TimesmithProperties properties,
            @org.springframework.beans.factory.annotation.Value("${timesmith.analyzers.config-dir:}") String directory) {
        return new AnalyzerConfigFiles(directory.isBlank() ? properties.home().resolve("analyzers") : java.nio.file.Path.of(directory));
    }

    @Bean
    AnalyzerResources analyzerResources(@Qualifier(RESOURCE) List<Object> resources) {
        return new AnalyzerResources(resources);
    }
}
