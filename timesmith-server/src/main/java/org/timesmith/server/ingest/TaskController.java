package org.timesmith.server.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.Sketch;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.auth.User;
import org.timesmith.server.sketch.SketchRepository;

/**
 * {@code GET /api/v1/tasks/} (§2.8): the state of a background task by id, or the caller's running
 * tasks. A task the caller may not see is reported like an unknown one ({@code PENDING}, as Celery
 * does), so the list the importer indexes is never empty and nothing leaks.
 */
@RestController
public class TaskController {

    private final CurrentUser currentUser;
    private final TaskRepository tasks;
    private final SketchRepository sketches;
    private final PermissionService permissions;

    public TaskController(CurrentUser currentUser, TaskRepository tasks, SketchRepository sketches,
                          PermissionService permissions) {
        this.currentUser = currentUser;
        this.tasks = tasks;
        this.sketches = sketches;
        this.permissions = permissions;
    }

    @GetMapping("/api/v1/tasks")
    Map<String, Object> tasks(@RequestParam(name = "job_id", required = false) String jobId) {
        User user = currentUser.get();
        if (jobId != null) {
            Optional<Task> task = tasks.byId(jobId).filter(t -> visible(user, t));
            Map<String, Object> item = task.map(TaskController::json).orElseGet(() -> {
                Map<String, Object> unknown = new LinkedHashMap<>();
                unknown.put("task_id", jobId);
                unknown.put("state", Task.PENDING);
                unknown.put("successful", false);
                unknown.put("result", false);
                return unknown;
            });
            return Envelope.flat(Map.of("job_id", jobId), List.of(item));
        }
        List<Map<String, Object>> running = new ArrayList<>();
        for (Task task : tasks.unfinished(user.id())) {
            running.add(json(task));
        }
        return Envelope.flat(Map.of("running", running.size()), running);
    }

    private boolean visible(User user, Task task) {
        if (task.userId() == user.id()) {
            return true;
        }
        if (task.sketchId() == null) {
            return false;
        }
        Optional<Sketch> sketch = sketches.byId(task.sketchId()).filter(s -> !s.deleted());
        return sketch.isPresent() && permissions.permissions(user, sketch.get()).contains(Permission.READ);
    }

    private static Map<String, Object> json(Task task) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("task_id", task.id());
        item.put("name", task.kind());
        item.put("state", task.state());
        item.put("successful", Task.SUCCESS.equals(task.state()));
        item.put("result", Task.SUCCESS.equals(task.state()) ? task.result() : false);
        if (Task.FAILURE.equals(task.state())) {
            item.put("error", task.result());
        }
        return item;
    }
}
