package org.timesmith.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timesmith.analysis.domain.DomainAnalyzer;
import org.timesmith.analysis.sigma.SigmaAnalyzer;
import org.timesmith.analysis.sigma.SigmaConfig;
import org.timesmith.analysis.sigma.SigmaConverter;

class AnalyzerRegistryTest {

    private static final Analyzer SIGMA = new SigmaAnalyzer();
    private static final Analyzer DOMAIN = new DomainAnalyzer();

    private record Named(String name) implements Analyzer {
        @Override
        public String displayName() {
            return name;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public AnalyzerOutcome run(AnalysisContext context) {
            return AnalyzerOutcome.success("");
        }
    }

    @Test
    void selectsByNameAndByShellPattern() {
        AnalyzerRegistry registry = new AnalyzerRegistry(List.of(SIGMA, DOMAIN, new Named("domain_two")));
        assertThat(registry.all()).extracting(Analyzer::name).containsExactly("domain", "domain_two", "sigma");
        assertThat(registry.byName("sigma")).contains(SIGMA);
        assertThat(registry.byName("nope")).isEmpty();
        assertThat(registry.matching(List.of("domain*"))).extracting(Analyzer::name).containsExactly("domain", "domain_two");
        assertThat(registry.matching(List.of("*", "sigma"))).hasSize(3);
        assertThat(registry.matching(List.of("sig?a", "[d]omain"))).extracting(Analyzer::name).containsExactly("domain", "sigma");
        assertThat(registry.matching(List.of("[!d]*"))).extracting(Analyzer::name).containsExactly("sigma");
        assertThat(registry.matching(List.of("dom.in"))).isEmpty();
    }

    @Test
    void namesMustBeUniqueAndSimple() {
        assertThatThrownBy(() -> new AnalyzerRegistry(List.of(DOMAIN, new Named("domain"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two analyzers are named 'domain'");
        assertThatThrownBy(() -> new AnalyzerRegistry(List.of(new Named("Bad Name"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad Name'");
    }

    @Test
    void contextNeedsATimeline() {
        assertThatThrownBy(() -> new LocalAnalysisContext(1, java.util.Map.of(), java.util.Map.of(), null, AnalysisListener.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void discoversTheBuiltInAnalyzersThroughTheServiceLoader() {
        AnalyzerRegistry registry = AnalyzerRegistry.discover(getClass().getClassLoader());
        assertThat(registry.all()).extracting(Analyzer::name).contains("domain", "sigma");
    }
}
