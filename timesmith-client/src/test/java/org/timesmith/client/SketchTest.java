package org.timesmith.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sketch operations of the client against the real server. */
class SketchTest {

    private final LiveServer server = LiveServer.get();
    private final TimesketchClient alice = server.login("alice");

    @Test
    void createsListsAndGetsSketches() {
        Sketch created = alice.createSketch("Case 42", "phishing wave");
        assertThat(alice.listSketches()).extracting(Sketch::id).contains(created.id());
        Sketch fetched = alice.getSketch(created.id());
        assertThat(fetched.name()).isEqualTo("Case 42");
        assertThat(fetched.description()).isEqualTo("phishing wave");
        assertThat(fetched.status()).isEqualTo("new");
        assertThat(fetched.myPermissions()).contains("read", "write", "delete");
        assertThat(fetched.acl()).containsKey("user/alice");
    }

    @Test
    void sketchWithoutNameIsRefusedBeforeSending() {
        assertThatThrownBy(() -> alice.createSketch(" ", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A sketch needs a name.");
    }

    @Test
    void renamesDescribesAndLabels() {
        Sketch sketch = alice.createSketch("old", "");
        sketch.setName("new name");
        sketch.setDescription("new description");
        sketch.addLabel("important");
        sketch.addLabel("phishing");
        sketch.removeLabel("phishing");
        Sketch again = alice.getSketch(sketch.id());
        assertThat(again.name()).isEqualTo("new name");
        assertThat(again.description()).isEqualTo("new description");
        assertThat(again.labels()).containsExactly("important");
    }

    @Test
    void sharesWithAUserAndTakesItBack() {
        Sketch sketch = alice.createSketch("shared", "");
        TimesketchClient bob = server.login("bob");
        assertThatThrownBy(() -> bob.getSketch(sketch.id())).isInstanceOf(ApiException.class);
        sketch.addToAcl(List.of("bob"), List.of(), false, List.of("read"));
        assertThat(sketch.acl()).containsKey("user/bob");
        assertThat(bob.getSketch(sketch.id()).name()).isEqualTo("shared");
        sketch.removeFromAcl(List.of("bob"), List.of(), false);
        assertThat(sketch.acl()).doesNotContainKey("user/bob");
        assertThatThrownBy(() -> bob.getSketch(sketch.id())).isInstanceOf(ApiException.class);
    }

    @Test
    void sharesWithAGroupAndPublicly() {
        Sketch sketch = alice.createSketch("group shared", "");
        sketch.addToAcl(List.of(), List.of("analysts"), true, List.of("read"));
        Map<String, Object> acl = sketch.acl();
        assertThat(acl).containsKey("group/analysts");
        assertThat(acl.get("is_public")).isEqualTo(true);
    }

    @Test
    void archivesUnarchivesAndDeletes() {
        Sketch sketch = alice.createSketch("to archive", "");
        assertThat(sketch.isArchived()).isFalse();
        sketch.archive();
        assertThat(sketch.isArchived()).isTrue();
        assertThat(sketch.status()).isEqualTo("archived");
        sketch.unarchive();
        assertThat(sketch.isArchived()).isFalse();
        sketch.delete(false);
        assertThat(alice.listSketches()).extracting(Sketch::id).doesNotContain(sketch.id());
    }

    @Test
    void exportsTheSketchToAZip(@TempDir Path dir) throws IOException {
        Sketch sketch = alice.createSketch("export me", "");
        Path written = sketch.export(dir.resolve("case"));
        assertThat(written).hasFileName("case.zip");
        try (ZipFile zip = new ZipFile(written.toFile())) {
            assertThat(zip.getEntry("METADATA")).isNotNull();
        }
    }

    @Test
    void addsManualEventsAndAnnotatesThem() {
        Sketch sketch = alice.createSketch("manual", "");
        sketch.addEvent("2020-09-03T22:52:21", "Manual", "suspicious login", List.of("t1"), Map.of("user", "mallory"));
        Timeline manual = sketch.listTimelines().get(0);
        assertThat(manual.name()).isEqualTo("Manual events");
        List<Map<String, Object>> rows = sketch.search().queryString("suspicious").toList();
        assertThat(rows).hasSize(1);
        EventRef event = EventRef.of(rows.get(0));

        sketch.commentEvent(event, "looks bad");
        sketch.starEvents(List.of(event));
        sketch.labelEvents(List.of(event), "phish", false);
        sketch.tagEvents(List.of(event), List.of("escalate"));

        assertThat(sketch.search().queryString("*").addChip(LabelChip.useStarLabel()).toList()).hasSize(1);
        assertThat(sketch.search().queryString("*").addChip(LabelChip.useCommentLabel()).toList()).hasSize(1);
        assertThat(sketch.search().queryString("*").addChip(LabelChip.of("phish")).toList()).hasSize(1);
        Map<String, Object> fetched = sketch.getEvent(event);
        assertThat(fetched.toString()).contains("looks bad").contains("escalate");
        sketch.labelEvents(List.of(event), "phish", true);
        assertThat(sketch.search().queryString("*").addChip(LabelChip.of("phish")).toList()).isEmpty();
    }

    @Test
    void listsSearchIndicesAndAddsAnExistingIndexAsTimeline() {
        Sketch first = alice.createSketch("first", "");
        ImportStreamer streamer = new ImportStreamer(first).timelineName("shared events");
        streamer.addDict(Map.of("datetime", "2021-01-01T00:00:00", "message", "one"));
        assertThat(streamer.closeAndWait(Duration.ofMinutes(2)).status()).isEqualTo("ready");
        Timeline timeline = first.listTimelines().get(0);
        SearchIndex index = alice.listSearchIndices().stream().filter(i -> i.indexName().equals(timeline.indexName()))
                .findFirst().orElseThrow();
        Sketch second = alice.createSketch("second", "");
        Timeline added = second.addTimeline(index.id(), "borrowed");
        assertThat(added.name()).isEqualTo("borrowed");
        assertThat(second.listTimelines()).extracting(Timeline::name).containsExactly("borrowed");
        added.delete();
        assertThat(second.listTimelines()).isEmpty();
    }

    @Test
    void unknownTimelineIsNotFound() {
        Sketch sketch = alice.createSketch("no timelines", "");
        assertThatThrownBy(() -> sketch.getTimeline(424242)).isInstanceOf(NotFoundException.class)
                .hasMessage("Timeline 424242 not found in sketch " + sketch.id() + ".");
    }

    @Test
    void exportToUnwritablePlaceIsAClearError(@TempDir Path dir) throws IOException {
        Sketch sketch = alice.createSketch("export fail", "");
        sketch.addEvent("2020-09-03T22:52:21", "Manual", "m", List.of(), Map.of());
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Search search = sketch.search().queryString("*");
        assertThatThrownBy(() -> search.toFile(blocker.resolve("sub/out.zip"))).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("Cannot write " + blocker.resolve("sub/out.zip"));
    }
}
