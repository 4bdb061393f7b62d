package org.timesmith.server.view;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.sketch.SketchResourceContributor;

/** Puts the sketch's saved searches into {@code meta.views} of the sketch resource (§3.1). */
@Component
public class ViewResourceContributor implements SketchResourceContributor {

    private final ViewService views;

    public ViewResourceContributor(ViewService views) {
        this.views = views;
    }

    @Override
    public void contribute(SketchAccess access, Map<String, Object> meta) {
        meta.put("views", views.list(access).stream().map(views::summary).toList());
    }
}
