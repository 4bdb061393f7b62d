package org.timesmith.server.timeline;

import org.springframework.stereotype.Component;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;

/**
 * Who may see or use a search index: its creator, and everyone who can read (see) or write (use)
 * a sketch with a timeline on it. Built on {@link PermissionService}, so sketch rules stay in one place.
 */
@Component
public class SearchIndexAccess {

    private final TimelineRepository repository;
    private final PermissionService permissions;

    public SearchIndexAccess(TimelineRepository repository, PermissionService permissions) {
        this.repository = repository;
        this.permissions = permissions;
    }

    public boolean canSee(User user, SearchIndex index) {
        return allowed(user, index, Permission.READ);
    }

    public boolean canUse(User user, SearchIndex index) {
        return allowed(user, index, Permission.WRITE);
    }

    /** The index if the user may see it; 404 otherwise (an index the user cannot see does not exist for them). */
    public SearchIndex requireVisible(User user, long indexId) {
        return repository.index(indexId).filter(i -> !i.deleted() && canSee(user, i))
                .orElseThrow(() -> ApiException.notFound("No search index found with this ID."));
    }

    public SearchIndex requireUsable(User user, long indexId) {
        SearchIndex index = requireVisible(user, indexId);
        if (!canUse(user, index)) {
            throw ApiException.forbidden("User does not have write access to the search index.");
        }
        return index;
    }

    private boolean allowed(User user, SearchIndex index, Permission needed) {
        if (index.userId() == user.id()) {
            return true;
        }
        return repository.timelinesOfIndex(index.id()).stream()
                .anyMatch(t -> permissions.holds(user, t.sketchId(), needed));
    }
}
