package org.timesmith.analysis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.analysis.TestTimelines;
import org.timesmith.analysis.llm.agent.ReferenceAgent;
import org.timesmith.store.lucene.LuceneEventStore;

/** Exploration of what the reference agent finds in the plaso fixture. */
class ReferenceAgentPlasoTest {

    @Test
    void explore(@TempDir Path dir) throws Exception {
        Path plaso = TestTimelines.fixture("plaso/evtx_20250918.plaso");
        try (LuceneEventStore store = new LuceneEventStore(dir.resolve("index"));
             ReferenceAgent agent = ReferenceAgent.start(ReferenceAgent.Options.loopback(0), l -> System.out.println("AGENT " + l))) {
            TestTimelines.importFile(store, "plaso", 1, plaso);
            LlmRun run = LlmRun.run(store, "plaso", LlmRun.agentAt(agent.url(), Duration.ofSeconds(60)));
            System.out.println("RESULT " + run.result.status() + " " + run.result.summary() + " " + run.result.counts());
            run.listener.lines.forEach(l -> System.out.println("LOG " + l));
            run.questions().forEach(q -> System.out.println("Q " + q));
            run.conclusions().forEach(c -> System.out.println("C " + c.questionKey() + " " + c.text() + " facts=" + c.facts().size() + " " + c.marks()));
            assertThat(new ArrayList<>(List.of())).isEmpty();
        }
    }
}
