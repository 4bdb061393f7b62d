package org.timesmith.server.aggregation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.CurrentUser;
import tools.jackson.databind.JsonNode;

/** {@code GET|POST /api/v1/aggregation/info/} (§2.10): which aggregators exist and their parameters. */
@RestController
public class AggregatorInfoController {

    private final CurrentUser currentUser;

    public AggregatorInfoController(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/aggregation/info")
    List<Map<String, Object>> all() {
        currentUser.get();
        return Aggregator.listedOnes().stream().map(AggregatorInfoController::info).toList();
    }

    @PostMapping("/api/v1/aggregation/info")
    Map<String, Object> one(@RequestBody(required = false) JsonNode body) {
        currentUser.get();
        String name = WireValues.text(body, "aggregator").filter(n -> !n.isBlank())
                .orElseThrow(() -> ApiException.badRequest("aggregator is required."));
        return info(Aggregator.named(name).orElseThrow(() -> ApiException.notFound("No aggregator named " + name + ".")));
    }

    static Map<String, Object> info(Aggregator aggregator) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", aggregator.name());
        info.put("display_name", aggregator.displayName());
        info.put("description", aggregator.description());
        info.put("fields", aggregator.fields().stream()
                .map(f -> Map.of("name", f.name(), "description", f.description())).toList());
        return info;
    }
}
