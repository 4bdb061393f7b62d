package org.timesmith.analysis.sigma;

import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads rule and config YAML. SnakeYAML Engine fails on a surrogate pair (an emoji) that straddles
 * two fills of its read buffer, and real rules carry emoji, so each document is read in a single
 * fill: small documents with a small buffer, larger ones (up to {@link #MAX_CHARS}) with a large one.
 */
final class SigmaYaml {

    static final int MAX_CHARS = 1024 * 1024;
    private static final int SMALL_CHARS = 64 * 1024;

    private static final YAMLMapper SMALL = mapper(SMALL_CHARS);
    private static final YAMLMapper LARGE = mapper(MAX_CHARS);

    private SigmaYaml() {
    }

    private static YAMLMapper mapper(int bufferChars) {
        return YAMLMapper.builder(YAMLFactory.builder()
                .loadSettings(LoadSettings.builder().setBufferSize(bufferChars + 1).build()).build()).build();
    }

    /** @throws IllegalArgumentException for a document over {@link #MAX_CHARS}; Jackson's exception for bad YAML */
    static JsonNode read(String yaml) {
        if (yaml.length() > MAX_CHARS) {
            throw new IllegalArgumentException("larger than " + MAX_CHARS / 1024 + " KiB");
        }
        return (yaml.length() <= SMALL_CHARS ? SMALL : LARGE).readTree(yaml);
    }
}
