package org.timesmith.server.sketch;

import java.util.Map;
import org.timesmith.server.access.SketchAccess;

/**
 * Adds a feature's entries to the {@code meta} of the sketch resource ({@code GET sketches/{id}/}):
 * saved searches put {@code views}, stories put {@code stories}, aggregations put
 * {@code aggregators}. Called after the permission check with read access; the defaults (empty
 * lists and maps) are already in {@code meta} and may be replaced.
 */
public interface SketchResourceContributor {

    void contribute(SketchAccess access, Map<String, Object> meta);
}
