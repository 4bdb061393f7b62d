package org.timesmith.server.sketch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.Sketch;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.LabelChange;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.Group;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.timeline.DataSource;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;
import org.timesmith.server.timeline.TimelineService;
import tools.jackson.databind.ObjectMapper;

/**
 * Sketch life cycle and sharing: create, rename, label, archive, delete, ACL and attributes. It
 * takes and returns typed values; the wire forms are {@link SketchJson}'s.
 */
@Service
public class SketchService {

    /** One page of a sketch listing. */
    public record Page(List<Sketch> sketches, int page, int perPage, long total) {
        public int totalPages() {
            return (int) Math.max(1, (total + perPage - 1) / perPage);
        }
    }

    private final SketchRepository sketches;
    private final UserRepository users;
    private final TimelineRepository timelines;
    private final TimelineService timelineService;
    private final PermissionService permissions;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final List<String> labelsPreventingDeletion;

    /**
     * @param labelsPreventingDeletion {@code timesmith.labels-to-prevent-deletion}, Timesketch's
     *                                 {@code LABELS_TO_PREVENT_DELETION}: a sketch with one of these
     *                                 labels cannot be deleted, not even by an administrator
     */
    public SketchService(SketchRepository sketches, UserRepository users, TimelineRepository timelines,
                         TimelineService timelineService, PermissionService permissions, ObjectMapper json,
                         TransactionTemplate transactions,
                         @Value("${timesmith.labels-to-prevent-deletion:protected,preserved}")
                         List<String> labelsPreventingDeletion) {
        this.labelsPreventingDeletion = List.copyOf(labelsPreventingDeletion);
        this.sketches = sketches;
        this.users = users;
        this.timelines = timelines;
        this.timelineService = timelineService;
        this.permissions = permissions;
        this.json = json;
        this.transactions = transactions;
    }

    /** Any sketch, deleted or not (admin use only; 404 if unknown). */
    public Sketch byId(long id) {
        return sketches.byId(id).orElseThrow(() -> ApiException.notFound("No sketch found with this ID."));
    }

    public Sketch create(User user, String name, String description) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("A sketch needs a name.");
        }
        if (name.length() > 255) {
            throw ApiException.badRequest("A sketch name has at most 255 characters.");
        }
        return transactions.execute(status -> {
            Sketch sketch = sketches.create(name.trim(), description == null ? "" : description, user.id());
            for (Permission p : Permission.values()) {
                sketches.grant(sketch.id(), "user", user.id(), p.wireName());
            }
            return sketch;
        });
    }

    /** Lists sketches the Timesketch way: scope user (own), shared, recent, archived, search, admin, all. */
    public Page list(User user, String scope, int page, int perPage, boolean includeArchived, String searchQuery) {
        int safePage = Math.max(1, page);
        int safePerPage = Math.min(Math.max(1, perPage), 1000);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("uid", user.id());
        params.put("permission", Permission.READ.wireName());
        String readable = SketchRepository.readableCondition();
        String notArchived = includeArchived ? "" : " AND s.status <> 'archived'";
        String where;
        String order = "s.id DESC";
        switch (scope == null ? "user" : scope) {
            case "user" -> where = "s.user_id = :uid AND s.status <> 'deleted'" + notArchived;
            case "shared" -> where = "s.user_id <> :uid AND s.status <> 'deleted' AND " + readable + notArchived;
            case "recent" -> {
                where = "s.status <> 'deleted' AND " + readable + notArchived;
                order = "s.last_activity DESC, s.id DESC";
            }
            case "archived" -> where = "s.status = 'archived' AND " + readable;
            case "search" -> {
                where = "s.status <> 'deleted' AND " + readable + notArchived
                        + " AND (LOWER(s.name) LIKE :q OR LOWER(s.description) LIKE :q)";
                params.put("q", "%" + (searchQuery == null ? "" : searchQuery.toLowerCase()) + "%");
            }
            case "admin" -> {
                permissions.requireAdmin(user);
                where = "1 = 1";
            }
            case "all" -> where = "s.status <> 'deleted' AND " + readable + notArchived;
            default -> throw ApiException.badRequest("Unknown scope " + scope
                    + "; use user, shared, recent, archived, search, admin or all.");
        }
        long total = sketches.count(where, params);
        List<Sketch> items = sketches.page(where, params, order, safePerPage, (safePage - 1) * safePerPage);
        return new Page(items, safePage, safePerPage, total);
    }

    /** Changes the labels, then the name and description, as the update asks; the sketch as it is now. */
    public Sketch update(SketchAccess access, SketchUpdate update) {
        update.labels().ifPresent(change -> changeLabels(access, change));
        update.rename().ifPresent(rename -> rename(access, rename));
        return byId(access.sketchId());
    }

    private void rename(SketchAccess access, SketchUpdate.Rename rename) {
        requireWrite(access);
        Sketch sketch = access.sketch();
        // As Timesketch: an empty name or description leaves the old one (clients send both fields).
        String newName = rename.name().filter(n -> !n.isBlank()).map(String::trim).orElse(sketch.name());
        if (newName.length() > 255) {
            throw ApiException.badRequest("A sketch name has at most 255 characters.");
        }
        sketches.update(sketch.id(), newName, rename.description().filter(d -> !d.isEmpty())
                .orElse(sketch.description()));
    }

    private void changeLabels(SketchAccess access, LabelChange change) {
        requireWrite(access);
        List<String> current = WireValues.labels(json, access.sketch().labelString());
        change.applyTo(current);
        sketches.setLabels(access.sketchId(), WireValues.labelString(json, current));
    }

    public void archive(SketchAccess access) {
        requireDelete(access);
        if (access.sketch().archived()) {
            throw ApiException.badRequest("The sketch is already archived.");
        }
        List<Timeline> all = timelines.timelines(access.sketchId());
        for (Timeline timeline : all) {
            if (Set.of(Timeline.PROCESSING, Timeline.FAIL, "timeout").contains(timeline.status())) {
                throw ApiException.badRequest("The timeline " + timeline.name() + " is " + timeline.status()
                        + "; remove it or wait for it before archiving the sketch.");
            }
        }
        transactions.executeWithoutResult(status -> {
            sketches.setStatus(access.sketchId(), Sketch.ARCHIVED);
            for (Timeline timeline : all) {
                timelines.setTimelineStatus(timeline.id(), Timeline.ARCHIVED);
            }
        });
    }

    public void unarchive(SketchAccess access) {
        requireDelete(access);
        if (!access.sketch().archived()) {
            throw ApiException.badRequest("The sketch is not archived.");
        }
        sketches.setStatus(access.sketchId(), Sketch.READY);
        for (Timeline timeline : timelines.timelines(access.sketchId())) {
            timelineService.reopenIndex(timeline.searchIndexId());
            timelines.setTimelineStatus(timeline.id(), Timeline.READY);
            timelineService.refreshStatus(timeline.id());
        }
    }

    /**
     * Soft delete (status deleted; the indices no other live sketch shows are closed, their events
     * kept) or, for administrators with {@code force}, removal with all events.
     */
    public void delete(SketchAccess access, boolean force) {
        List<String> labels = WireValues.labels(json, access.sketch().labelString());
        for (String label : labelsPreventingDeletion) {
            if (labels.contains(label)) {
                throw ApiException.forbidden("Sketch with the label [" + label + "] cannot be deleted.");
            }
        }
        if (force) {
            permissions.requireAdmin(access.user());
            purge(access.sketch());
            return;
        }
        requireDelete(access);
        if (access.sketch().archived()) {
            throw ApiException.badRequest("Unable to delete an archived sketch; unarchive it first.");
        }
        sketches.setStatus(access.sketchId(), Sketch.DELETED);
        timelineService.closeUnusedIndices(access.sketchId());
    }

    /** Removes a sketch, its timelines and their events for good (admin force delete). */
    public void purge(Sketch sketch) {
        for (Timeline timeline : timelines.timelines(sketch.id())) {
            if (timelines.dataSources(timeline.id()).stream().anyMatch(DataSource::unfinished)) {
                throw ApiException.badRequest("The timeline " + timeline.name()
                        + " is still being imported; delete the sketch when the import has ended.");
            }
        }
        for (Timeline timeline : timelines.timelines(sketch.id())) {
            // An index no other sketch shows goes whole below, closed or not: no need to open it first.
            if (timelines.timelinesOfIndex(timeline.searchIndexId()).stream().anyMatch(t -> t.sketchId() != sketch.id())) {
                timelineService.deleteEvents(timeline);
            }
            timelines.deleteTimeline(timeline.id());
            timelineService.dropIndexIfUnused(timeline.searchIndexId());
        }
        sketches.delete(sketch.id());
    }

    /**
     * Grants and revokes access (§3.6). You cannot grant what you do not hold; any request whose
     * {@code public} is not true revokes public read access, as the reference server does.
     */
    public void changeCollaborators(SketchAccess access, CollaboratorChange change) {
        requireWrite(access);
        List<Permission> granted = new ArrayList<>();
        List<String> permissionNames = change.permissions();
        for (String name : permissionNames.isEmpty() ? List.of("read", "write") : permissionNames) {
            Permission p = Permission.parse(name)
                    .orElseThrow(() -> ApiException.badRequest("Unknown permission " + name + "; use read, write or delete."));
            if (!access.can(p)) {
                throw ApiException.forbidden("You cannot grant " + p.wireName() + " access you do not hold.");
            }
            if (!granted.contains(p)) {
                granted.add(p);
            }
        }
        List<User> usersToAdd = change.addUsers().stream().map(this::user).toList();
        List<User> usersToRemove = change.removeUsers().stream().map(this::user).toList();
        List<Group> groupsToAdd = change.addGroups().stream().map(this::group).toList();
        List<Group> groupsToRemove = change.removeGroups().stream().map(this::group).toList();
        long sketchId = access.sketchId();
        transactions.executeWithoutResult(status -> {
            for (User u : usersToAdd) {
                granted.forEach(p -> sketches.grant(sketchId, "user", u.id(), p.wireName()));
            }
            for (Group g : groupsToAdd) {
                granted.forEach(p -> sketches.grant(sketchId, "group", g.id(), p.wireName()));
            }
            for (User u : usersToRemove) {
                if (u.id() == access.sketch().userId()) {
                    throw ApiException.badRequest("The owner of a sketch cannot be removed from it.");
                }
                sketches.revokeAll(sketchId, "user", u.id());
            }
            for (Group g : groupsToRemove) {
                sketches.revokeAll(sketchId, "group", g.id());
            }
            sketches.setPublic(sketchId, change.makePublic());
        });
    }

    /** Sets an attribute's values; whether that created it ({@code true}) or replaced its values. */
    public boolean putAttribute(SketchAccess access, SketchAttribute attribute) {
        requireWrite(access);
        String name = attribute.name();
        if (name.isBlank() || name.length() > 255) {
            throw ApiException.badRequest("An attribute needs a name of 1 to 255 characters.");
        }
        if (attribute.values().isEmpty()) {
            throw ApiException.badRequest("An attribute needs at least one value.");
        }
        return sketches.putAttribute(access.sketchId(), name, attribute.ontology(),
                json.writeValueAsString(attribute.values()), access.user().id());
    }

    /** Removes the attribute of that name and ontology (its values are not looked at); 404 if there is none. */
    public void deleteAttribute(SketchAccess access, SketchAttribute attribute) {
        requireWrite(access);
        if (!sketches.deleteAttribute(access.sketchId(), attribute.name(), attribute.ontology())) {
            throw ApiException.notFound("The sketch has no attribute " + attribute.name() + " with ontology "
                    + attribute.ontology() + ".");
        }
    }

    private User user(String username) {
        return users.byUsername(username)
                .or(() -> username.contains("@") ? users.byUsername(username.substring(0, username.indexOf('@')))
                        : java.util.Optional.empty())
                .orElseThrow(() -> ApiException.badRequest("Unknown user " + username + "."));
    }

    private Group group(String name) {
        return users.groupByName(name).orElseThrow(() -> ApiException.badRequest("Unknown group " + name + "."));
    }

    private static void requireWrite(SketchAccess access) {
        if (!access.can(Permission.WRITE)) {
            throw ApiException.forbidden("User does not have write access to the sketch.");
        }
    }

    private static void requireDelete(SketchAccess access) {
        if (!access.can(Permission.DELETE) && !access.user().admin()) {
            throw ApiException.forbidden("User does not have delete access to the sketch.");
        }
    }
}
