package org.timesmith.analysis.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigmaConverterTest {

    private static final SigmaConverter CONVERTER = new SigmaConverter(SigmaConfig.timesketch());

    static Path fixtures() {
        Path rules = Path.of(System.getProperty("timesmith.fixtures", "../../shared/fixtures"), "sigma", "rules");
        Assumptions.assumeTrue(Files.isDirectory(rules), "Sigma fixture rules absent at " + rules + "; skipping");
        return rules;
    }

    static SigmaRule fixture(String relative) throws IOException {
        Path file = fixtures().resolve(relative);
        return SigmaRule.parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    private static String convert(String yaml) {
        return CONVERTER.toQuery(SigmaRule.parse(yaml, "test.yml"));
    }

    @Test
    void everyFixtureRuleConvertsOrGivesAClearError() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fixtures())) {
            files = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        int converted = 0;
        Map<String, Integer> problems = new TreeMap<>();
        List<String> unclear = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                String query = CONVERTER.toQuery(SigmaRule.parse(Files.readString(file, StandardCharsets.UTF_8), name));
                assertThat(query).as(name).isNotBlank();
                converted++;
            } catch (SigmaException e) {
                if (!e.getMessage().startsWith("rule '" + name + "': ")) {
                    unclear.add(e.getMessage());
                }
                String problem = e.getMessage().replaceAll("'[^']*'", "'…'");
                problems.merge(problem, 1, Integer::sum);
            }
        }
        System.out.printf("Sigma fixtures: %d rules, %d converted, %d refused%n", files.size(), converted,
                files.size() - converted);
        problems.forEach((problem, n) -> System.out.printf("  %4d × %s%n", n, problem));
        assertThat(unclear).isEmpty();
        assertThat(files).hasSizeGreaterThan(1000);
        assertThat(converted).isGreaterThan(files.size() * 9 / 10);
    }
}
