package org.timesmith.server.aggregation;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Saved aggregations and aggregation groups (§13.3, §13.4): create, update, delete and running
 * them again; their wire forms are {@link AggregationJson}'s. Callers have done the permission check; every lookup is by
 * sketch, so ids of another sketch (aggregations, views, group members) are not found.
 */
@Service
public class AggregationService {

    private final AggregationRepository repository;
    private final AggregationRunner runner;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;

    AggregationService(AggregationRepository repository, AggregationRunner runner, ObjectMapper json,
                       TransactionTemplate transactions) {
        this.repository = repository;
        this.runner = runner;
        this.json = json;
        this.transactions = transactions;
    }

    // ---- saved aggregations

    public List<SavedAggregation> list(SketchAccess access) {
        return repository.aggregations(access.sketchId());
    }

    public SavedAggregation get(SketchAccess access, long id) {
        return repository.aggregation(access.sketchId(), id)
                .orElseThrow(() -> ApiException.notFound("No aggregation with ID " + id + " in this sketch."));
    }

    public SavedAggregation create(SketchAccess access, AggregationFields fields) {
        return repository.create(access.sketchId(), access.user().id(), fields.viewId(), fields.name(),
                fields.description(), fields.aggType(), fields.parameters(), fields.chartType(), fields.labelString());
    }

    /** Replaces the fields of a saved aggregation of this sketch (as {@link #get} found it). */
    SavedAggregation update(SketchAccess access, SavedAggregation old, AggregationFields fields) {
        repository.update(new SavedAggregation(old.id(), old.sketchId(), old.userId(), fields.viewId(), old.groupId(),
                fields.name(), fields.description(), fields.aggType(), fields.parameters(), fields.chartType(),
                fields.labelString(), old.createdAt(), old.updatedAt()));
        return get(access, old.id());
    }

    public void delete(SketchAccess access, long id) {
        get(access, id);
        repository.delete(access.sketchId(), id);
    }

    /** Runs a saved aggregation again with its parameters, chart and saved search. */
    public AggregatorRun run(SketchAccess access, SavedAggregation aggregation) {
        return runner.run(access, aggregation.aggType(), read(aggregation.parameters(), "parameters"),
                Optional.of(aggregation.chartType()).filter(c -> !c.isBlank()), aggregation.viewId());
    }

    // ---- groups

    public List<AggregationGroup> groups(SketchAccess access) {
        return repository.groups(access.sketchId());
    }

    public AggregationGroup group(SketchAccess access, long id) {
        return repository.group(access.sketchId(), id)
                .orElseThrow(() -> ApiException.notFound("No aggregation group with ID " + id + " in this sketch."));
    }

    public List<SavedAggregation> members(AggregationGroup group) {
        return repository.members(group.sketchId(), group.id());
    }

    AggregationGroup createGroup(SketchAccess access, GroupFields fields) {
        List<Long> members = members(access, fields.members().orElse(List.of()));
        return transactions.execute(status -> {
            AggregationGroup group = repository.createGroup(access.sketchId(), access.user().id(), fields.name(),
                    fields.description(), fields.parameters(), fields.orientation());
            repository.setMembers(access.sketchId(), group.id(), members);
            return group;
        });
    }

    /**
     * Replaces a group's fields and, when the update names them, its members. Everything is
     * checked before anything is written, so a refused update leaves the group as it was.
     */
    AggregationGroup updateGroup(SketchAccess access, AggregationGroup old, GroupFields fields) {
        Optional<List<Long>> members = fields.members().map(ids -> members(access, ids));
        transactions.executeWithoutResult(status -> {
            members.ifPresent(ids -> repository.setMembers(access.sketchId(), old.id(), ids));
            repository.updateGroup(new AggregationGroup(old.id(), old.sketchId(), old.userId(), fields.name(),
                    fields.description(), fields.parameters(), fields.orientation(), old.createdAt(), old.updatedAt()));
        });
        return group(access, old.id());
    }

    public void deleteGroup(SketchAccess access, long id) {
        group(access, id);
        repository.deleteGroup(access.sketchId(), id);
    }

    /** The member ids, each a saved aggregation of this sketch (400 naming the first that is not). */
    private List<Long> members(SketchAccess access, List<Long> ids) {
        for (long id : ids) {
            if (repository.aggregation(access.sketchId(), id).isEmpty()) {
                throw ApiException.badRequest("No aggregation with ID " + id + " in this sketch.");
            }
        }
        return ids;
    }

    private JsonNode read(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
