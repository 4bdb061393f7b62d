package org.timesmith.server.dfiq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DfiqCatalogTest {

    static Path library() {
        return Path.of(System.getProperty("timesmith.fixtures", "../../shared/fixtures"), "dfiq");
    }

    @Test
    void theFixtureLibraryLoadsWhole() {
        DfiqCatalog catalog = DfiqCatalog.load(library());
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.counts()).isEqualTo(Map.of("scenarios", 6, "facets", 30, "questions", 90));
        DfiqTemplate q1001 = catalog.byId("Q1001").orElseThrow();
        assertThat(q1001.uuid()).isEqualTo("8620a183-d67f-481e-a63c-d8b8dfa5e968");
        assertThat(q1001.name()).isEqualTo("What files were downloaded using a web browser?");
        assertThat(q1001.approaches()).hasSizeGreaterThan(2);
        assertThat(q1001.approaches().getFirst().querySteps()).extracting(DfiqApproach.QueryStep::type)
                .containsExactly("opensearch-query", "opensearch-query");
        DfiqTemplate f1003 = catalog.byId("F1003").orElseThrow();
        assertThat(f1003.name()).as("folded YAML is right-trimmed").doesNotEndWith("\n")
                .startsWith("Has the actor introduced any ExternalCompany files");
        DfiqTemplate s1002 = catalog.byId("S1002").orElseThrow();
        assertThat(catalog.children(s1002, DfiqTemplate.Type.FACET)).extracting(DfiqTemplate::uuid).contains(f1003.uuid());
        Map<String, Object> json = catalog.json(s1002);
        assertThat(json).containsKeys("id", "uuid", "name", "description", "tags", "parent_ids", "child_ids", "facets",
                "questions");
        assertThat(catalog.json(q1001)).containsKey("approaches");
    }

    @Test
    void aBrokenFileIsNamedWithItsFieldAndTheRestStillLoads(@TempDir Path dir) throws IOException {
        Path questions = Files.createDirectories(dir.resolve("questions"));
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.copy(library().resolve("scenarios/S1001.yaml"), scenarios.resolve("S1001.yaml"));
        Files.copy(library().resolve("questions/Q1001.yaml"), questions.resolve("Q1001.yaml"));
        Files.writeString(questions.resolve("syntax.yaml"), "name: [unclosed\ntype: question\n");
        Files.writeString(questions.resolve("no-uuid.yaml"), "name: Q\ntype: question\ndfiq_version: 1.1.0\n");
        Files.writeString(questions.resolve("old.yaml"), "name: Q\ntype: question\nuuid: u-old\ndfiq_version: 1.0.0\n");
        Files.writeString(questions.resolve("bad-step.yaml"), """
                name: Q
                type: question
                uuid: u-bad-step
                dfiq_version: 1.1.0
                approaches:
                - name: A
                  steps:
                  - name: no type
                    stage: analysis
                """);
        Files.writeString(scenarios.resolve("bad-type.yaml"), "name: S\ntype: scenery\nuuid: u-s\ndfiq_version: 1.1.0\n");
        DfiqCatalog catalog = DfiqCatalog.load(dir);
        assertThat(catalog.counts()).isEqualTo(Map.of("scenarios", 1, "facets", 0, "questions", 1));
        List<String> problems = catalog.problems().stream()
                .map(p -> p.file().getFileName() + " " + p.field() + " " + p.message()).toList();
        assertThat(problems).hasSize(5);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("syntax.yaml line ").contains("not valid YAML"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("no-uuid.yaml uuid is missing"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("old.yaml dfiq_version 1.0.0 is older"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("bad-step.yaml approaches[0].steps[0].type is missing"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("bad-type.yaml type 'scenery'"));
    }

    @Test
    void withoutTheFolderThereIsNoLibrary(@TempDir Path home) {
        assertThat(new DfiqLibrary("", home).catalog()).isEmpty();
        assertThat(new DfiqLibrary("", home).path()).isEqualTo(home.resolve("dfiq"));
        assertThat(new DfiqLibrary(library().toString(), home).catalog()).isPresent();
    }
}
