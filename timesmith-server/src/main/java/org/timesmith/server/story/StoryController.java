package org.timesmith.server.story;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.CurrentUser;
import tools.jackson.databind.JsonNode;

/** The story endpoints of §6: list, create, get, update, export (HTML or Markdown) and delete. */
@RestController
@RequestMapping("/api/v1/sketches/{sketchId}/stories")
class StoryController {

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final StoryService stories;
    private final StoryJson storyJson;
    private final StoryRenderer renderer;

    StoryController(CurrentUser currentUser, PermissionService permissions, StoryService stories,
                    StoryJson storyJson, StoryRenderer renderer) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.stories = stories;
        this.storyJson = storyJson;
        this.renderer = renderer;
    }

    @GetMapping
    Map<String, Object> list(@SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of("sketch_id", access.sketchId()),
                stories.list(access).stream().map(storyJson::model).toList());
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.single(Map.of(), storyJson.model(stories.create(access, storyJson.fields(body)))));
    }

    @GetMapping("/{storyId}")
    Map<String, Object> get(@PathVariable("storyId") long storyId, @SketchPermission(READ) SketchAccess access) {
        boolean editable = access.can(WRITE) && !access.sketch().archived();
        return Envelope.single(Map.of("is_editable", editable), storyJson.model(stories.get(access, storyId)));
    }

    /**
     * Updates the story, or with {@code export_format} renders it ({@code {"story": "<text>"}}).
     * Which permission it needs depends on the body, so it checks for itself.
     */
    @PostMapping("/{storyId}")
    ResponseEntity<Map<String, Object>> update(@PathVariable("sketchId") long sketchId,
                                               @PathVariable("storyId") long storyId,
                                               @RequestBody(required = false) JsonNode body) {
        Optional<String> format = WireValues.text(body, "export_format").filter(f -> !f.isBlank());
        if (format.isPresent()) {
            SketchAccess access = permissions.require(currentUser.get(), sketchId, READ);
            Story story = stories.get(access, storyId);
            String text = switch (format.get()) {
                case "html" -> renderer.html(access, story, stories.blocks(story));
                case "markdown" -> renderer.markdown(access, story, stories.blocks(story));
                default -> throw ApiException.badRequest("export_format must be html or markdown.");
            };
            return ResponseEntity.ok(Map.of("story", text));
        }
        SketchAccess access = permissions.requireActive(currentUser.get(), sketchId, WRITE);
        Story old = stories.get(access, storyId);
        Story updated = stories.update(access, old, storyJson.fields(body, old));
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), storyJson.model(updated)));
    }

    @DeleteMapping("/{storyId}")
    int delete(@PathVariable("storyId") long storyId, @ActiveSketchPermission(WRITE) SketchAccess access) {
        stories.delete(access, storyId);
        return 200;
    }
}
