package org.timesmith.server.dfiq;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

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
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.dfiq.DfiqRecords.Conclusion;
import org.timesmith.server.dfiq.DfiqRecords.Question;
import tools.jackson.databind.JsonNode;

/**
 * Timesketch's DFIQ routes (§17): the library's scenario and question templates, and a sketch's
 * scenarios, facets, questions and conclusions. Reading needs read access to the sketch, changing
 * needs write access to an unarchived sketch; every answer is 200, as in Timesketch.
 */
@RestController
@RequestMapping("/api/v1")
class DfiqController {

    private final CurrentUser currentUser;
    private final DfiqService dfiq;
    private final DfiqJson dfiqJson;

    DfiqController(CurrentUser currentUser, DfiqService dfiq, DfiqJson dfiqJson) {
        this.currentUser = currentUser;
        this.dfiq = dfiq;
        this.dfiqJson = dfiqJson;
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
    Map<String, Object> scenarios(@RequestParam(name = "status", defaultValue = "") String status,
                                  @SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of(), dfiq.scenarios(access, Optional.of(status)).stream()
                .map(dfiqJson::scenarioJson).toList());
    }

    /** §17.2 */
    @PostMapping("/sketches/{sketchId}/scenarios")
    Map<String, Object> addScenario(@RequestBody(required = false) JsonNode body,
                                    @ActiveSketchPermission(WRITE) SketchAccess access) {
        return Envelope.single(Map.of(), dfiqJson.scenarioJson(dfiq.addScenario(access, dfiqJson.scenarioPick(body))));
    }

    /** §17.3 */
    @GetMapping("/sketches/{sketchId}/scenarios/{scenarioId}")
    Map<String, Object> scenario(@PathVariable("scenarioId") long scenarioId,
                                 @SketchPermission(READ) SketchAccess access) {
        return Envelope.single(Map.of(), dfiqJson.scenarioJson(dfiq.scenario(access, scenarioId)));
    }

    /** §17.3 */
    @PostMapping("/sketches/{sketchId}/scenarios/{scenarioId}")
    Map<String, Object> renameScenario(@PathVariable("scenarioId") long scenarioId,
                                       @RequestBody(required = false) JsonNode body,
                                       @ActiveSketchPermission(WRITE) SketchAccess access) {
        return Envelope.single(Map.of(), dfiqJson.scenarioJson(dfiq.renameScenario(access,
                dfiq.scenario(access, scenarioId), dfiqJson.scenarioName(body))));
    }

    /** §17.4 */
    @PostMapping("/sketches/{sketchId}/scenarios/{scenarioId}/status")
    Map<String, Object> scenarioStatus(@PathVariable("scenarioId") long scenarioId,
                                       @RequestBody(required = false) JsonNode body,
                                       @ActiveSketchPermission(WRITE) SketchAccess access) {
        return Envelope.single(Map.of(), dfiqJson.scenarioJson(dfiq.setScenarioStatus(access,
                dfiq.scenario(access, scenarioId), dfiqJson.scenarioStatus(body))));
    }

    /** §17.5 */
    @GetMapping("/sketches/{sketchId}/scenarios/{scenarioId}/facets")
    Map<String, Object> facets(@PathVariable("scenarioId") long scenarioId,
                               @SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of(), dfiq.facets(access, scenarioId).stream().map(dfiqJson::facetJson).toList());
    }

    /** §17.6: a scenario's own questions; Timesketch answers {@code {"objects": [[]]}} (no meta) when there are none. */
    @GetMapping("/sketches/{sketchId}/scenarios/{scenarioId}/questions")
    Map<String, Object> scenarioQuestions(@PathVariable("scenarioId") long scenarioId,
                                          @SketchPermission(READ) SketchAccess access) {
        List<Question> questions = dfiq.scenarioQuestions(access, scenarioId);
        if (questions.isEmpty()) {
            return Map.of("objects", List.of(List.of()));
        }
        return Envelope.nested(Map.of(), questions.stream().map(dfiqJson::questionJson).toList());
    }

    /** §17.6 */
    @GetMapping("/sketches/{sketchId}/scenarios/{scenarioId}/facets/{facetId}/questions")
    Map<String, Object> facetQuestions(@PathVariable("scenarioId") long scenarioId,
                                       @PathVariable("facetId") long facetId,
                                       @SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of(), dfiq.facetQuestions(access, scenarioId, facetId).stream()
                .map(dfiqJson::questionJson).toList());
    }

    /** §17.6: questions of neither a scenario nor a facet. */
    @GetMapping("/sketches/{sketchId}/questions")
    Map<String, Object> orphanQuestions(@SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of(), dfiq.orphanQuestions(access).stream().map(dfiqJson::questionJson).toList());
    }

    /** §17.8 */
    @PostMapping("/sketches/{sketchId}/questions")
    Map<String, Object> addQuestion(@RequestBody(required = false) JsonNode body,
                                    @ActiveSketchPermission(WRITE) SketchAccess access) {
        return Envelope.single(Map.of(), dfiqJson.questionJson(dfiq.addQuestion(access, dfiqJson.questionForm(body))));
    }

    /** §17.8 */
    @GetMapping("/sketches/{sketchId}/questions/{questionId}")
    Map<String, Object> question(@PathVariable("questionId") long questionId,
                                 @SketchPermission(READ) SketchAccess access) {
        return Envelope.single(Map.of(), dfiqJson.questionJson(dfiq.question(access, questionId)));
    }

    /** §17.8 */
    @PostMapping("/sketches/{sketchId}/questions/{questionId}")
    Map<String, Object> updateQuestion(@PathVariable("questionId") long questionId,
                                       @RequestBody(required = false) JsonNode body,
                                       @ActiveSketchPermission(WRITE) SketchAccess access) {
        return Envelope.single(Map.of(), dfiqJson.questionJson(dfiq.updateQuestion(access,
                dfiq.question(access, questionId), dfiqJson.questionUpdate(body))));
    }

    /** §17.9 */
    @GetMapping("/sketches/{sketchId}/questions/{questionId}/conclusions")
    Map<String, Object> conclusions(@PathVariable("questionId") long questionId,
                                    @SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of(), dfiq.conclusions(access, questionId).stream()
                .map(dfiqJson::conclusionJson).toList());
    }

    /** §17.9: answers the question, with {@code meta.new_conclusion_id}. */
    @PostMapping("/sketches/{sketchId}/questions/{questionId}/conclusions")
    Map<String, Object> addConclusion(@PathVariable("questionId") long questionId,
                                      @RequestBody(required = false) JsonNode body,
                                      @ActiveSketchPermission(WRITE) SketchAccess access) {
        Question question = dfiq.question(access, questionId);
        long conclusionId = dfiq.addConclusion(access, question, dfiqJson.conclusionForm(body));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("new_conclusion_id", conclusionId);
        return Envelope.single(meta, dfiqJson.questionJson(dfiq.question(access, questionId)));
    }

    /** §17.10: answers the question. Of an automated conclusion only {@code status} (its review). */
    @PutMapping("/sketches/{sketchId}/questions/{questionId}/conclusions/{conclusionId}")
    Map<String, Object> editConclusion(@PathVariable("questionId") long questionId,
                                       @PathVariable("conclusionId") long conclusionId,
                                       @RequestBody(required = false) JsonNode body,
                                       @ActiveSketchPermission(WRITE) SketchAccess access) {
        DfiqForms.ConclusionForm form = dfiqJson.conclusionForm(body);
        dfiq.editConclusion(dfiq.editableConclusion(access, questionId, conclusionId, form), form);
        return Envelope.single(Map.of(), dfiqJson.questionJson(dfiq.question(access, questionId)));
    }

    /** §17.10: answers the question. */
    @DeleteMapping("/sketches/{sketchId}/questions/{questionId}/conclusions/{conclusionId}")
    Map<String, Object> deleteConclusion(@PathVariable("questionId") long questionId,
                                         @PathVariable("conclusionId") long conclusionId,
                                         @ActiveSketchPermission(WRITE) SketchAccess access) {
        dfiq.deleteConclusion(access, questionId, conclusionId);
        return Envelope.single(Map.of(), dfiqJson.questionJson(dfiq.question(access, questionId)));
    }
}
