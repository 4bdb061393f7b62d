package org.timesmith.client.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The INI format of {@code ~/.timesketchrc} as Python's configparser reads it: {@code [section]}
 * headers, {@code key = value} (or {@code key: value}) lines, {@code #} and {@code ;} comments,
 * keys case-insensitive. Written back section by section with {@code key = value} lines.
 */
public final class IniFile {

    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    public static IniFile read(Path file) {
        IniFile ini = new IniFile();
        if (!Files.exists(file)) {
            return ini;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = ini.sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        k -> new LinkedHashMap<>());
                continue;
            }
            int separator = separator(line);
            if (current == null || separator < 0) {
                throw new ConfigException(file + " line " + (i + 1) + ": expected [section] or key = value, found \""
                        + line + "\"");
            }
            current.put(line.substring(0, separator).strip().toLowerCase(java.util.Locale.ROOT),
                    line.substring(separator + 1).strip());
        }
        return ini;
    }

    private static int separator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    /** The value, empty when the key is absent or blank. */
    public Optional<String> get(String section, String key) {
        return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(key)).filter(v -> !v.isBlank());
    }

    public void set(String section, String key, String value) {
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value);
    }

    public void write(Path file) {
        StringBuilder out = new StringBuilder();
        sections.forEach((name, values) -> {
            out.append('[').append(name).append("]\n");
            values.forEach((key, value) -> out.append(key).append(" = ").append(value).append('\n'));
            out.append('\n');
        });
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, out, StandardCharsets.UTF_8);
            Secrets.ownerOnly(file);
        } catch (IOException e) {
            throw new ConfigException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
