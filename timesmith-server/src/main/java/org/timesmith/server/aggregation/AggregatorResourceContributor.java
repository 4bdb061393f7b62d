package org.timesmith.server.aggregation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.sketch.SketchResourceContributor;

/**
 * Puts the aggregators into {@code meta.aggregators} of the sketch resource (§3.1) with the form
 * fields the client's {@code list_available_aggregators} reads (every field has a {@code type}).
 */
@Component
public class AggregatorResourceContributor implements SketchResourceContributor {

    @Override
    public void contribute(SketchAccess access, Map<String, Object> meta) {
        Map<String, Object> aggregators = new LinkedHashMap<>();
        for (Aggregator aggregator : Aggregator.listedOnes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("form_fields", aggregator.fields().stream().map(f -> {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("type", f.formType());
                field.put("name", f.name());
                field.put("label", f.description());
                field.put("placeholder", f.description());
                field.put("default_value", f.defaultValue());
                if (!f.options().isEmpty()) {
                    field.put("options", f.options());
                }
                return field;
            }).toList());
            entry.put("display_name", aggregator.displayName());
            entry.put("description", aggregator.description());
            aggregators.put(aggregator.name(), entry);
        }
        meta.put("aggregators", aggregators);
    }
}
