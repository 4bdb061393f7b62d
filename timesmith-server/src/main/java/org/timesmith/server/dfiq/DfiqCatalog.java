package org.timesmith.server.dfiq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A loaded DFIQ library: the components by uuid, the id → uuid map and each component's children
 * (derived from the children's {@code parent_ids}, as Timesketch builds its graph), plus the
 * problems met while reading. A file with a problem is skipped and named in {@link #problems()};
 * the rest of the library still loads.
 */
public final class DfiqCatalog {

    /** The oldest DFIQ version Timesketch (and so Timesmith) reads. */
    static final int[] MIN_VERSION = {1, 1, 0};
    private static final List<String> FOLDERS = List.of("scenarios", "facets", "questions");

    private final Map<String, DfiqTemplate> byUuid = new LinkedHashMap<>();
    private final Map<String, String> idToUuid = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final List<DfiqLoadProblem> problems = new ArrayList<>();

    private DfiqCatalog() {
    }

    /** Reads {@code scenarios/}, {@code facets/} and {@code questions/} under {@code root} ({@code *.yaml}, {@code *.yml}). */
    public static DfiqCatalog load(Path root) {
        DfiqCatalog catalog = new DfiqCatalog();
        YAMLMapper yaml = new YAMLMapper();
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> listing = Files.list(dir)) {
                files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml")
                        || p.getFileName().toString().endsWith(".yml")).sorted().toList();
            } catch (IOException e) {
                catalog.problems.add(new DfiqLoadProblem(dir, "-", "cannot list the folder: " + e.getMessage()));
                continue;
            }
            for (Path file : files) {
                catalog.read(yaml, file);
            }
        }
        catalog.link();
        return catalog;
    }

    private void read(YAMLMapper yaml, Path file) {
        JsonNode node;
        try {
            node = yaml.readTree(Files.readString(file));
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "-" : "line " + e.getLocation().getLineNr();
            problems.add(new DfiqLoadProblem(file, where, "not valid YAML: " + e.getOriginalMessage()));
            return;
        } catch (IOException e) {
            problems.add(new DfiqLoadProblem(file, "-", "cannot be read: " + e.getMessage()));
            return;
        }
        try {
            DfiqTemplate template = DfiqParser.parse(node, file);
            DfiqTemplate earlier = byUuid.get(template.uuid());
            if (earlier != null) {
                throw new DfiqParser.Invalid("uuid", template.uuid() + " is already used by " + earlier.file());
            }
            byUuid.put(template.uuid(), template);
            template.dfiqId().ifPresent(id -> idToUuid.put(id, template.uuid()));
        } catch (DfiqParser.Invalid e) {
            problems.add(new DfiqLoadProblem(file, e.field(), e.getMessage()));
        }
    }

    /** Children from the children's parent ids, sorted by uuid; only facets and questions under a scenario, questions under a facet. */
    private void link() {
        Map<String, TreeSet<String>> found = new LinkedHashMap<>();
        byUuid.keySet().forEach(uuid -> found.put(uuid, new TreeSet<>()));
        for (DfiqTemplate child : byUuid.values()) {
            for (String parentId : child.parentIds()) {
                String parentUuid = idToUuid.get(parentId);
                if (parentUuid != null) {
                    found.get(parentUuid).add(child.uuid());
                }
            }
        }
        found.forEach((uuid, kids) -> children.put(uuid, List.copyOf(kids)));
    }

    public List<DfiqLoadProblem> problems() {
        return List.copyOf(problems);
    }

    public Optional<DfiqTemplate> byUuid(String uuid) {
        return Optional.ofNullable(uuid).map(byUuid::get);
    }

    public Optional<DfiqTemplate> byId(String dfiqId) {
        return Optional.ofNullable(dfiqId).map(idToUuid::get).map(byUuid::get);
    }

    /** All components of a type, sorted by uuid (Timesketch's order). */
    public List<DfiqTemplate> all(DfiqTemplate.Type type) {
        return byUuid.values().stream().filter(t -> t.type() == type)
                .sorted(Comparator.comparing(DfiqTemplate::uuid)).toList();
    }

    public List<String> childIds(DfiqTemplate template) {
        return children.getOrDefault(template.uuid(), List.of());
    }

    /** The children of one type, by uuid. */
    public List<DfiqTemplate> children(DfiqTemplate template, DfiqTemplate.Type type) {
        return childIds(template).stream().map(byUuid::get).filter(c -> c.type() == type).toList();
    }

    /**
     * The component as Timesketch's {@code DFIQ} classes serialise themselves (their
     * {@code __dict__}): the body of {@code scenarios/} and {@code questions/} and the
     * {@code spec_json} of what a sketch makes from it.
     */
    public Map<String, Object> json(DfiqTemplate template) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (template.type() == DfiqTemplate.Type.QUESTION) {
            json.put("approaches", template.approaches().stream().map(DfiqCatalog::approachJson).toList());
        }
        json.put("id", template.dfiqId().orElse(null));
        json.put("uuid", template.uuid());
        json.put("name", template.name());
        json.put("description", template.description().orElse(null));
        json.put("tags", template.tags());
        json.put("parent_ids", template.parentIds());
        json.put("child_ids", childIds(template));
        if (template.type() == DfiqTemplate.Type.SCENARIO) {
            json.put("facets", children(template, DfiqTemplate.Type.FACET).stream().map(DfiqTemplate::uuid).toList());
        }
        if (template.type() != DfiqTemplate.Type.QUESTION) {
            json.put("questions", children(template, DfiqTemplate.Type.QUESTION).stream().map(DfiqTemplate::uuid).toList());
        }
        return json;
    }

    /** An approach as Timesketch's {@code ApproachTemplate.__dict__}. */
    public static Map<String, Object> approachJson(DfiqApproach approach) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", approach.name());
        json.put("description", approach.description().orElse(null));
        for (String key : List.of("notes", "references", "steps", "tags")) {
            JsonNode value = approach.spec().get(key);
            json.put(key, value == null || value.isNull() ? null : value);
        }
        return json;
    }

    /** Counts per type, for the log. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (DfiqTemplate.Type type : DfiqTemplate.Type.values()) {
            counts.put(type.yamlName() + "s", all(type).size());
        }
        return counts;
    }
}
