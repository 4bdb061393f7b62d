package org.timesmith.server.intelligence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.timesmith.server.api.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the tag metadata and context link YAML files (configured by
 * {@code timesmith.intelligence.tag-metadata-file} and {@code timesmith.context-links-file}, else
 * the defaults shipped on the classpath) on each request, so an edited file applies at once, and
 * reshapes context links the way Timesketch's ContextLinkConfigResource does. A broken file is a
 * 400 naming it, never a stack trace.
 */
@Component
public class IntelligenceConfig {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final String tagMetadataFile;
    private final String contextLinksFile;

    public IntelligenceConfig(@Value("${timesmith.intelligence.tag-metadata-file:}") String tagMetadataFile,
                              @Value("${timesmith.context-links-file:}") String contextLinksFile) {
        this.tagMetadataFile = tagMetadataFile;
        this.contextLinksFile = contextLinksFile;
    }

    public Map<String, Object> tagMetadata() {
        return read(tagMetadataFile, "intelligence/tag_metadata.yaml");
    }

    /** Field name (lower case) → the link configs for it: hardcoded modules, then linked services. */
    public Map<String, Object> contextLinks() {
        Map<String, Object> yaml = read(contextLinksFile, "intelligence/context_links.yaml");
        Map<String, Object> response = new LinkedHashMap<>();
        if (yaml.isEmpty()) {
            return response;
        }
        if (!yaml.containsKey("linked_services") && !yaml.containsKey("hardcoded_modules")) {
            yaml = Map.of("linked_services", yaml);
        }
        for (Map.Entry<String, Map<String, Object>> module : entries(yaml.get("hardcoded_modules"))) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("type", "hardcoded_modules");
            link.put("short_name", module.getValue().get("short_name"));
            link.put("module", module.getKey());
            if (module.getValue().get("validation_regex") != null) {
                link.put("validation_regex", module.getValue().get("validation_regex"));
            }
            add(response, module.getValue().get("match_fields"), link);
        }
        for (Map.Entry<String, Map<String, Object>> service : entries(yaml.get("linked_services"))) {
            Map<String, Object> link = new LinkedHashMap<>(service.getValue());
            link.put("type", "linked_services");
            Object fields = link.remove("match_fields");
            add(response, fields, link);
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> response, Object fields, Map<String, Object> link) {
        if (fields instanceof List<?> list) {
            for (Object field : list) {
                ((List<Object>) response.computeIfAbsent(String.valueOf(field).toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>())).add(link);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map.Entry<String, Map<String, Object>>> entries(Object section) {
        List<Map.Entry<String, Map<String, Object>>> entries = new ArrayList<>();
        if (section instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (value instanceof Map<?, ?> entry) {
                    entries.add(Map.entry(String.valueOf(name), (Map<String, Object>) entry));
                }
            });
        }
        return entries;
    }

    private static Map<String, Object> read(String file, String resource) {
        TypeReference<LinkedHashMap<String, Object>> type = new TypeReference<>() { };
        try {
            Map<String, Object> value;
            if (file != null && !file.isBlank()) {
                value = YAML.readValue(Files.readString(Path.of(file)), type);
            } else {
                try (InputStream in = IntelligenceConfig.class.getClassLoader().getResourceAsStream(resource)) {
                    value = in == null ? null : YAML.readValue(in, type);
                }
            }
            return value == null ? new LinkedHashMap<>() : value;
        } catch (IOException | JacksonException e) {
            throw ApiException.badRequest("Unable to read " + (file == null || file.isBlank() ? resource : file)
                    + ": " + e.getMessage());
        }
    }
}
