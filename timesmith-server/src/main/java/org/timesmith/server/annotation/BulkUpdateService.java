package org.timesmith.server.annotation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.timesmith.core.event.Label;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.explore.ExploreQuery;
import org.timesmith.server.explore.ExploreQueries;
import org.timesmith.server.ingest.Task;
import org.timesmith.server.ingest.TaskRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Annotates all events matching an explore query (tags, labels, attributes) as a background job,
 * however many there are. The query is checked when the job is submitted (bad queries get 400 at
 * once) and the permission again when it runs.
 */
@Service
public class BulkUpdateService {

    private static final Logger LOG = LoggerFactory.getLogger(BulkUpdateService.class);

    private final TaskRepository tasks;
    private final UserRepository users;
    private final PermissionService permissions;
    private final ExploreQueries queries;
    private final EventStore store;
    private final JobRequestScheduler scheduler;
    private final ObjectMapper json;

    public BulkUpdateService(TaskRepository tasks, UserRepository users, PermissionService permissions,
                             ExploreQueries queries, EventStore store, JobRequestScheduler scheduler, ObjectMapper json) {
        this.tasks = tasks;
        this.users = users;
        this.permissions = permissions;
        this.queries = queries;
        this.store = store;
        this.scheduler = scheduler;
        this.json = json;
    }

    /** Queues the change for every match of {@code exploreBody}; returns the task id. */
    public String submit(SketchAccess access, JsonNode exploreBody, ObjectNode change) {
        if (!exploreBody.isObject()) {
            throw ApiException.badRequest("query must be an explore request object (query, filter, dsl).");
        }
        queries.parse(access, exploreBody);
        update(change, access.sketchId(), access.user().id());
        String taskId = UUID.randomUUID().toString().replace("-", "");
        ObjectNode request = json.createObjectNode();
        request.set("explore", exploreBody);
        request.set("change", change);
        tasks.create(taskId, "bulk_annotation", access.sketchId(), access.user().id(), json.writeValueAsString(request));
        scheduler.enqueue(UUID.randomUUID(), new BulkUpdateJobRequest(taskId));
        return taskId;
    }

    /** A restart fails bulk jobs that had not finished; they are safe to submit again. */
    @EventListener(value = ApplicationReadyEvent.class,
            condition = "@environment.getProperty('timesmith.background-jobs', 'true') == 'true'")
    public void failUnfinished() {
        for (Task task : tasks.unfinished("bulk_annotation")) {
            tasks.setState(task.id(), Task.FAILURE, "The server stopped before the bulk annotation finished;"
                    + " submit it again (re-applying it is harmless).");
        }
    }

    public void run(String taskId) {
        Task task = tasks.byId(taskId).orElse(null);
        if (task == null || !Task.PENDING.equals(task.state())) {
            return;
        }
        tasks.setState(taskId, Task.STARTED, "");
        try {
            User user = users.byId(task.userId()).filter(User::active)
                    .orElseThrow(() -> ApiException.forbidden("The user of this task no longer exists or is disabled."));
            SketchAccess access = permissions.requireActive(user, task.sketchId(), Permission.WRITE);
            JsonNode request = json.readTree(task.request());
            ExploreQuery query = queries.parse(access, request.get("explore"));
            EventUpdate update = update((ObjectNode) request.get("change"), access.sketchId(), user.id());
            long updated = store.updateByQuery(query.unpaged(), update);
            query.timelinesByIndex().keySet().forEach(store::refresh);
            tasks.setState(taskId, Task.SUCCESS, "updated " + updated + " events");
        } catch (ApiException e) {
            tasks.setState(taskId, Task.FAILURE, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("bulk annotation {} failed", taskId, e);
            tasks.setState(taskId, Task.FAILURE, "The bulk annotation failed: " + e.getMessage());
        }
    }

    /** The change as a store update: {"kind": add_tags|remove_tags|add_label|remove_label|set_attributes, ...}. */
    static EventUpdate update(ObjectNode change, long sketchId, long userId) {
        String kind = change.path("kind").asString("");
        List<String> values = new ArrayList<>();
        change.path("values").forEach(v -> values.add(v.asString()));
        return switch (kind) {
            case "add_tags" -> new EventUpdate.AddTags(nonEmpty(values));
            case "remove_tags" -> new EventUpdate.RemoveTags(nonEmpty(values));
            case "add_label" -> new EventUpdate.AddLabel(new Label(nonEmpty(values).get(0), sketchId, userId));
            case "remove_label" -> new EventUpdate.RemoveLabel(new Label(nonEmpty(values).get(0), sketchId, userId));
            case "set_attributes" -> {
                Map<String, Object> attributes = new LinkedHashMap<>();
                change.path("attributes").properties().forEach(e -> {
                    String problem = EventService.attributeProblem(e.getKey(), null);
                    if (problem != null) {
                        throw ApiException.badRequest(problem);
                    }
                    attributes.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString());
                });
                if (attributes.isEmpty()) {
                    throw ApiException.badRequest("No attributes given.");
                }
                yield new EventUpdate.SetAttributes(attributes);
            }
            default -> throw ApiException.badRequest("Unknown bulk change " + kind);
        };
    }

    private static List<String> nonEmpty(List<String> values) {
        List<String> clean = values.stream().map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
        if (clean.isEmpty()) {
            throw ApiException.badRequest("No tags or label given.");
        }
        return clean;
    }
}
