package org.timesmith.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timesmith.server.support.Fixtures;
import org.timesmith.server.support.TestServer;
import org.timesmith.server.support.TsClient;
import tools.jackson.databind.JsonNode;

/** Editing (PUT) and deleting (DELETE) a comment through event/annotate/, as Timesketch's UI does. */
class CommentEditApiTest {

    private static TestServer server;
    private static TsClient alice;
    private static TsClient bob;
    private static long sketchId;
    private static Fixtures.TimelineRef timeline;
    /** One event per test, so the tests do not see each other's comments. */
    private static List<String> eventIds;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        alice = server.login("alice");
        bob = server.login("bob");
        sketchId = Fixtures.sketch(alice, "Comment edits");
        timeline = Fixtures.timeline(server, alice, sketchId, "events", Fixtures.events(3));
        eventIds = alice.post(base() + "explore/", TsClient.map("query", "*", "filter", TsClient.map("size", 3)))
                .json().get("objects").valueStream().map(hit -> hit.get("_id").asString()).toList();
    }

    private static String base() {
        return "/api/v1/sketches/" + sketchId + "/";
    }

    private static Map<String, Object> ref(int event) {
        return TsClient.map("_id", eventIds.get(event), "_index", timeline.indexName());
    }

    private static long comment(int event, String text) {
        TsClient.Response added = alice.post(base() + "event/annotate/", TsClient.map("annotation", text,
                "annotation_type", "comment", "events", ref(event)));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().get("objects").get(0).get(0).get("id").asLong();
    }

    private static JsonNode event(int event) {
        return alice.get(base() + "event/?searchindex_id=" + timeline.indexName() + "&event_id=" + eventIds.get(event)).json();
    }

    private static String deletePath(int event, long commentId) {
        return base() + "event/annotate/?annotation_type=comment&annotation_id=" + commentId + "&event_id=" + eventIds.get(event)
                + "&searchindex_id=" + timeline.indexName();
    }

    @Test
    void editThenDeleteTheLastCommentRemovesTheCommentLabel() {
        long id = comment(0, "first thought");
        TsClient.Response edited = alice.put(base() + "event/annotate/", TsClient.map("annotation",
                TsClient.map("id", id, "comment", "second thought"), "annotation_type", "comment",
                "events", List.of(ref(0))));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("objects").get(0).get(0).get("comment").asString()).isEqualTo("second thought");
        assertThat(event(0).get("meta").get("comments").toString()).contains("second thought")
                .doesNotContain("first thought");

        assertThat(alice.put(base() + "event/annotate/", TsClient.map("annotation",
                TsClient.map("id", 999999, "comment", "x"), "annotation_type", "comment", "events", List.of(ref(0))))
                .status()).isEqualTo(404);
        assertThat(alice.put(base() + "event/annotate/", TsClient.map("annotation",
                TsClient.map("id", id, "comment", "x"), "annotation_type", "label", "events", List.of(ref(0))))
                .status()).isEqualTo(400);

        TsClient.Response deleted = alice.delete(deletePath(0, id));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(event(0).get("meta").get("comments").isEmpty()).isTrue();
        assertThat(event(0).get("objects").get("label").toString()).doesNotContain("__ts_comment");
        assertThat(alice.delete(deletePath(0, id)).status()).isEqualTo(404);
    }

    @Test
    void aUserWithoutAccessCanNeitherEditNorDelete() {
        long id = comment(1, "mine");
        assertThat(bob.put(base() + "event/annotate/", TsClient.map("annotation",
                TsClient.map("id", id, "comment", "bob was here"), "annotation_type", "comment",
                "events", List.of(ref(1)))).status()).isEqualTo(403);
        assertThat(bob.delete(deletePath(1, id)).status()).isEqualTo(403);
        assertThat(event(1).get("meta").get("comments").toString()).contains("mine").doesNotContain("bob was here");
    }

    @Test
    void aCollaboratorWithWriteAccessMayNotChangeSomeoneElsesComment() {
        long id = comment(2, "alice's note");
        String name = "editor" + UUID.randomUUID().toString().substring(0, 8);
        server.admin().addUser(name, TestServer.PASSWORD, false);
        TsClient editor = server.login(name);
        assertThat(alice.post(base() + "collaborators/", TsClient.map("users", List.of(name),
                "permissions", "[\"read\", \"write\"]")).status()).isEqualTo(200);
        TsClient.Response edit = editor.put(base() + "event/annotate/", TsClient.map("annotation",
                TsClient.map("id", id, "comment", "changed"), "annotation_type", "comment", "events", List.of(ref(2))));
        assertThat(edit.status()).as(edit.body()).isEqualTo(403);
        assertThat(editor.delete(deletePath(2, id)).status()).isEqualTo(403);
        assertThat(event(2).get("meta").get("comments").toString()).contains("alice's note");
    }
}
