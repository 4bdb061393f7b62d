package org.timesmith.server.view;

import java.util.List;
import org.springframework.stereotype.Service;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;

/**
 * Saved searches (§5) of a sketch: list, get, create, update and delete them. A DSL clears the
 * query string, as in Timesketch. Callers have done the permission check; lookups are by sketch,
 * so an id of another sketch is simply not found. Their wire forms are {@link ViewJson}'s.
 */
@Service
public class ViewService {

    /** The stored DSL of a saved search without one: the JSON empty string, as Timesketch stores it. */
    static final String NO_DSL = "\"\"";

    private final ViewRepository views;

    ViewService(ViewRepository views) {
        this.views = views;
    }

    public List<SavedView> list(SketchAccess access) {
        return views.list(access.sketchId());
    }

    /** The view of this sketch, or 404. */
    public SavedView get(SketchAccess access, long viewId) {
        return views.byId(access.sketchId(), viewId)
                .orElseThrow(() -> ApiException.notFound("No saved search with ID " + viewId + " in this sketch."));
    }

    public SavedView create(SketchAccess access, ViewFields fields) {
        return views.create(access.sketchId(), access.user().id(), fields.name(), fields.description(),
                queryString(fields), fields.queryFilter(), fields.queryDsl(), fields.labelString());
    }

    /** Replaces the fields of a view of this sketch (as {@link #get} found it). */
    SavedView update(SketchAccess access, SavedView old, ViewFields fields) {
        views.update(new SavedView(old.id(), old.sketchId(), old.userId(), fields.name(), fields.description(),
                queryString(fields), fields.queryFilter(), fields.queryDsl(), fields.labelString(), old.createdAt(),
                old.updatedAt()));
        return get(access, old.id());
    }

    public void delete(SketchAccess access, long viewId) {
        get(access, viewId);
        views.delete(access.sketchId(), viewId);
    }

    /** The query string kept: none when the saved search has a DSL. */
    private static String queryString(ViewFields fields) {
        return fields.queryDsl().equals(NO_DSL) ? fields.queryString() : "";
    }
}
