package org.timesmith.server.searchtemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.sketch.SketchResourceContributor;

/** Puts the search templates the user may read into {@code meta.searchtemplates} of the sketch resource (§3.1). */
@Component
public class SearchTemplateResourceContributor implements SketchResourceContributor {

    private final SearchTemplateService templates;

    public SearchTemplateResourceContributor(SearchTemplateService templates) {
        this.templates = templates;
    }

    @Override
    public void contribute(SketchAccess access, Map<String, Object> meta) {
        meta.put("searchtemplates", templates.list(access.user()).stream().map(t -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", t.name());
            entry.put("id", t.id());
            return entry;
        }).toList());
    }
}
