package org.timesmith.server.view;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.sketch.SketchResourceContributor;

/** Puts the sketch's saved searches into {@code meta.views} of the sketch resource (§3.1). */
@Component
class ViewResourceContributor implements SketchResourceContributor {

    private final ViewService views;
    private final ViewJson viewJson;

    ViewResourceContributor(ViewService views, ViewJson viewJson) {
        this.views = views;
        this.viewJson = viewJson;
    }

    @Override
    public void contribute(SketchAccess access, Map<String, Object> meta) {
        meta.put("views", views.list(access).stream().map(viewJson::summary).toList());
    }
}
