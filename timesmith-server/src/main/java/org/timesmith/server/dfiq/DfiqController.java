package org.timesmith.server.dfiq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.dfiq.DfiqRecords.Question;
import org.timesmith.server.sketch.Permission;
import org.timesmith.server.sketch.PermissionService;
import org.timesmith.server.sketch.SketchAccess;
import tools.jackson.databind.JsonNode;

/**
 * Timesketch's DFIQ routes (§17): the library's scenario and question templates, and a sketch's
 * scenarios, facets, questions and conclusions. Reading needs read access to the sketch, changing
 * needs write access to an unarchived sketch; every answer is 200, as in Timesketch.
 */
@RestController
@RequestMapping("/api/v1")
public class DfiqController {

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final DfiqService dfiq;

    public DfiqController(CurrentUser currentUser, PermissionService permissions, DfiqService dfiq) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.dfiq = dfiq;
    }

    private SketchAccess read(long sketchId) {
        return permissions.require(currentUser.get(), sketchId, Permission.READ);
    }

    private SketchAccess write(long sketchId) {
        return permissions.requireActive(currentUser.get(), sketchId, Permission.WRITE);
    }

    /** §17.1: the library's scenarios, a flat list (the login is all it needs). */
    @GetMapping("/scenarios")
    Map<String, Object> scenarioTemplates() {
        currentUser.get();
        return Map.of("objects", dfiq.scenarioTemplates());
    }

    /** §17.7: the library's questions, a flat list. */
    @GetMapping("/questions")
    Map<String, Object> questionTemplates() {
        currentUser.get();
        return Map.of("objects", dfiq.questionTemplates());
    }

    /** §17.2 */
    @GetMapping("/sketches/{sketchId}/scenarios")
    Map<String, Object> scenarios(@PathVariable("sketchId") long sketchId,
                                  @RequestParam(name = "status", defaultValue = "") String status) {
        SketchAccess access = read(sketchId);
        return Envelope.nested(Map.of(), dfiq.scenarios(access, Optional.of(status)).stream()
                .map(dfiq::scenarioJson).toList());
    }

    /** §17.2 */
    @PostMapping("/sketches/{sketchId}/scenarios")
    Map<String, Object> addScenario(@PathVariable("sketchId") long sketchId,
                                    @RequestBody(required = false) JsonNode body) {
        SketchAccess access = write(sketchId);
        return Envelope.single(Map.of(), dfiq.scenarioJson(dfiq.addScenario(access, body)));
    }

    /** §17.3 */
    @GetMapping("/sketches/{sketchId}/scenarios/{scenarioId}")
    Map<String, Object> scenario(@PathVariable("sketchId") long sketchId, @PathVariable("scenarioId") long scenarioId) {
        SketchAccess access = read(sketchId);
        return Envelope.single(Map.of(), dfiq.scenarioJson(dfiq.scenario(access, scenarioId)));
    }

    /** §17.3 */
    @PostMapping("/sketches/{sketchId}/scenarios/{scenarioId}")
    Map<String, Object> renameScenario(@PathVariable("sketchId") long sketchId,
                                       @PathVariable("scenarioId") long scenarioId,
                                       @RequestBody(required = false) JsonNode body) {
        SketchAccess access = write(sketchId);
        return Envelope.single(Map.of(), dfiq.scenarioJson(dfiq.renameScenario(access, scenarioId, body)));
    }

    /** §17.4 */
    @PostMapping("/sketches/{sketchId}/scenarios/{scenarioId}/status")
    Map<String, Object> scenarioStatus(@PathVariable("sketchId") long sketchId,
                                       @PathVariable("scenarioId") long scenarioId,
                                       @RequestBody(required = false) JsonNode body) {
        SketchAccess access = write(sketchId);
        return Envelope.single(Map.of(), dfiq.scenarioJson(dfiq.setScenarioStatus(access, scenarioId, body)));
    }

    /** §17.5 */
    @GetMapping("/sketches/{sketchId}/scenarios/{scenarioId}/facets")
    Map<String, Object> facets(@PathVariable("sketchId") long sketchId, @PathVariable("scenarioId") long scenarioId) {
        SketchAccess access = read(sketchId);
        return Envelope.nested(Map.of(), dfiq.facets(access, scenarioId).stream().map(dfiq::facetJson).toList());
    }

    /** §17.6: a scenario's own questions; Timesketch answers {@code {"objects": [[]]}} (no meta) when there are none. */
    @GetMapping("/sketches/{sketchId}/scenarios/{scenarioId}/questions")
    Map<String, Object> scenarioQuestions(@PathVariable("sketchId") long sketchId,
                                          @PathVariable("scenarioId") long scenarioId) {
        SketchAccess access = read(sketchId);
        List<Question> questions = dfiq.scenarioQuestions(access, scenarioId);
        if (questions.isEmpty()) {
            return Map.of("objects", List.of(List.of()));
        }
        return Envelope.nested(Map.of(), questions.stream().map(dfiq::questionJson).toList());
    }

    /** §17.6 */
    @GetMapping("/sketches/{sketchId}/scenarios/{scenarioId}/facets/{facetId}/questions")
    Map<String, Object> facetQuestions(@PathVariable("sketchId") long sketchId,
                                       @PathVariable("scenarioId") long scenarioId,
                                       @PathVariable("facetId") long facetId) {
        SketchAccess access = read(sketchId);
        return Envelope.nested(Map.of(), dfiq.facetQuestions(access, scenarioId, facetId).stream()
                .map(dfiq::questionJson).toList());
    }

    /** §17.6: questions of neither a scenario nor a facet. */
    @GetMapping("/sketches/{sketchId}/questions")
    Map<String, Object> orphanQuestions(@PathVariable("sketchId") long sketchId) {
        SketchAccess access = read(sketchId);
        return Envelope.nested(Map.of(), dfiq.orphanQuestions(access).stream().map(dfiq::questionJson).toList());
    }

    /** §17.8 */
    @PostMapping("/sketches/{sketchId}/questions")
    Map<String, Object> addQuestion(@PathVariable("sketchId") long sketchId,
                                    @RequestBody(required = false) JsonNode body) {
        SketchAccess access = write(sketchId);
        return Envelope.single(Map.of(), dfiq.questionJson(dfiq.addQuestion(access, body)));
    }

    /** §17.8 */
    @GetMapping("/sketches/{sketchId}/questions/{questionId}")
    Map<String, Object> question(@PathVariable("sketchId") long sketchId, @PathVariable("questionId") long questionId) {
        SketchAccess access = read(sketchId);
        return Envelope.single(Map.of(), dfiq.questionJson(dfiq.question(access, questionId)));
    }

    /** §17.8 */
    @PostMapping("/sketches/{sketchId}/questions/{questionId}")
    Map<String, Object> updateQuestion(@PathVariable("sketchId") long sketchId,
                                       @PathVariable("questionId") long questionId,
                                       @RequestBody(required = false) JsonNode body) {
        SketchAccess access = write(sketchId);
        return Envelope.single(Map.of(), dfiq.questionJson(dfiq.updateQuestion(access, questionId, body)));
    }

    /** §17.9 */
    @GetMapping("/sketches/{sketchId}/questions/{questionId}/conclusions")
    Map<String, Object> conclusions(@PathVariable("sketchId") long sketchId,
                                    @PathVariable("questionId") long questionId) {
        SketchAccess access = read(sketchId);
        return Envelope.nested(Map.of(), dfiq.conclusions(access, questionId).stream()
                .map(dfiq::conclusionJson).toList());
    }

    /** §17.9: answers the question, with {@code meta.new_conclusion_id}. */
    @PostMapping("/sketches/{sketchId}/questions/{questionId}/conclusions")
    Map<String, Object> addConclusion(@PathVariable("sketchId") long sketchId,
                                      @PathVariable("questionId") long questionId,
                                      @RequestBody(required = false) JsonNode body) {
        SketchAccess access = write(sketchId);
        long conclusionId = dfiq.addConclusion(access, questionId, body);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("new_conclusion_id", conclusionId);
        return Envelope.single(meta, dfiq.questionJson(dfiq.question(access, questionId)));
    }

    /** §17.10: answers the question. */
    @PutMapping("/sketches/{sketchId}/questions/{questionId}/conclusions/{conclusionId}")
    Map<String, Object> editConclusion(@PathVariable("sketchId") long sketchId,
                                       @PathVariable("questionId") long questionId,
                                       @PathVariable("conclusionId") long conclusionId,
                                       @RequestBody(required = false) JsonNode body) {
        SketchAccess access = write(sketchId);
        dfiq.editConclusion(access, questionId, conclusionId, body);
        return Envelope.single(Map.of(), dfiq.questionJson(dfiq.question(access, questionId)));
    }

    /** §17.10: answers the question. */
    @DeleteMapping("/sketches/{sketchId}/questions/{questionId}/conclusions/{conclusionId}")
    Map<String, Object> deleteConclusion(@PathVariable("sketchId") long sketchId,
                                         @PathVariable("questionId") long questionId,
                                         @PathVariable("conclusionId") long conclusionId) {
        SketchAccess access = write(sketchId);
        dfiq.deleteConclusion(access, questionId, conclusionId);
        return Envelope.single(Map.of(), dfiq.questionJson(dfiq.question(access, questionId)));
    }
}
