package org.timesmith.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.Sketch;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.Group;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.auth.UserService;
import org.timesmith.server.ingest.Importer;
import org.timesmith.server.ingest.UploadService;
import org.timesmith.server.sketch.SketchRepository;
import org.timesmith.server.sketch.SketchService;
import org.timesmith.server.timeline.DataSource;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;

/**
 * Server-side administration without HTTP (what {@code timesmith admin} exposes, like Timesketch's
 * tsctl): users, groups, sketches and server-side imports. Failures throw {@link ApiException} with a
 * message for the operator.
 */
@Service
public class AdminService {

    /** One file imported by {@link #importFile}: its timeline and data source (counts, status, rejections). */
    public record ImportOutcome(Path file, Timeline timeline, DataSource dataSource, boolean alreadyImported) {
    }

    private final UserRepository users;
    private final UserService userService;
    private final SketchRepository sketches;
    private final SketchService sketchService;
    private final PermissionService permissions;
    private final UploadService uploads;
    private final Importer importer;
    private final TimelineRepository timelines;

    public AdminService(UserRepository users, UserService userService, SketchRepository sketches,
                        SketchService sketchService, PermissionService permissions, UploadService uploads,
                        Importer importer, TimelineRepository timelines) {
        this.users = users;
        this.userService = userService;
        this.sketches = sketches;
        this.sketchService = sketchService;
        this.permissions = permissions;
        this.uploads = uploads;
        this.importer = importer;
        this.timelines = timelines;
    }

    public User addUser(String username, String password, boolean admin) {
        return userService.create(username, password, admin);
    }

    public void setPassword(String username, String password) {
        userService.setPassword(user(username), password);
    }

    public void setActive(String username, boolean active) {
        users.setActive(user(username).id(), active);
    }

    public void setAdmin(String username, boolean admin) {
        users.setAdmin(user(username).id(), admin);
    }

    public List<User> listUsers() {
        return users.all();
    }

    public Group addGroup(String name, String description) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw ApiException.badRequest("A group name has 1 to 255 characters.");
        }
        if (users.groupByName(name).isPresent()) {
            throw ApiException.badRequest("The group " + name + " already exists.");
        }
        return users.createGroup(name, description == null ? "" : description);
    }

    /** Adds ({@code add}) or removes a member; returns false when nothing changed. */
    public boolean groupMember(String groupName, String username, boolean add) {
        Group group = users.groupByName(groupName)
                .orElseThrow(() -> ApiException.notFound("No group " + groupName + "."));
        long userId = user(username).id();
        return add ? users.addMember(group.id(), userId) : users.removeMember(group.id(), userId);
    }

    public List<Group> listGroups() {
        return users.groups();
    }

    public List<String> groupMembers(String groupName) {
        return users.memberNames(users.groupByName(groupName)
                .orElseThrow(() -> ApiException.notFound("No group " + groupName + ".")).id());
    }

    public List<Sketch> listSketches() {
        return sketches.all();
    }

    /** Removes a sketch with its timelines and their events (opens the event store). */
    public void deleteSketch(long sketchId) {
        sketchService.purge(sketches.byId(sketchId)
                .orElseThrow(() -> ApiException.notFound("No sketch " + sketchId + ".")));
    }

    /**
     * Imports a file on this machine into a sketch in the calling thread, as {@code username} (the
     * sketch's owner when empty), who needs write access. The file is staged like an upload, into a
     * timeline named {@code timelineName} (default: the file name without its extension) on a new
     * index; with {@code intoIndex} it goes to that index's timeline of the same name instead (so
     * several files can fill one timeline). The same file sent to the same timeline again is not
     * imported twice.
     */
    public ImportOutcome importFile(Path file, long sketchId, Optional<String> timelineName, Optional<String> username,
                                    Optional<String> intoIndex) {
        if (!Files.isRegularFile(file)) {
            throw ApiException.badRequest("No such file: " + file);
        }
        long ownerId = sketches.byId(sketchId).filter(s -> !s.deleted())
                .orElseThrow(() -> ApiException.notFound("No sketch " + sketchId + ".")).userId();
        User user = username.map(this::user).orElseGet(() -> users.byId(ownerId)
                .orElseThrow(() -> ApiException.notFound("The owner of sketch " + sketchId + " is gone; use --user.")));
        var access = permissions.requireActive(user, sketchId, Permission.WRITE);
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String name = timelineName.filter(n -> !n.isBlank()).orElse(dot > 0 ? fileName.substring(0, dot) : fileName);
        UploadService.UploadForm form = new UploadService.UploadForm(name, "", "timesmith admin import", intoIndex,
                "timesmith admin import " + fileName);
        UploadService.Result result;
        try (InputStream in = Files.newInputStream(file)) {
            result = uploads.file(access, form, fileName, Files.size(file), in, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        DataSource source = result.dataSource().orElseThrow();
        boolean fresh = DataSource.QUEUEING.equals(source.status()) && source.jobId().isEmpty();
        DataSource outcome = fresh ? importer.runNow(source) : source;
        Timeline timeline = result.timeline().orElseThrow();
        return new ImportOutcome(file, timelines.timeline(timeline.id()).orElse(timeline), outcome, !fresh);
    }

    /** The name of the search index a timeline's events are in. */
    public String indexName(Timeline timeline) {
        return timelines.index(timeline.searchIndexId()).orElseThrow().indexName();
    }

    private User user(String username) {
        return users.byUsername(username).orElseThrow(() -> ApiException.notFound("No user " + username + "."));
    }
}
