package org.timesmith.analysis.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.timesmith.analysis.EventValues;
import org.timesmith.core.search.StoredEvent;

/**
 * Timesketch's {@code winprefetch} chain plugin: a prefetch execution of an {@code .exe} links to
 * URLs that carry the program's name (where it was fetched from) and to shortcuts ({@code lnk})
 * that point at it. Timesketch matches any substring; here the name must be a whole part of the
 * URL (a path segment or parameter value) or the shortcut target's file name, which is what a
 * download URL or shortcut looks like and avoids {@code a.exe} matching {@code data.exe}.
 */
final class PrefetchPlugin implements ChainPlugin {

    private static final Pattern URL_PARTS = Pattern.compile("[/\\\\?&=#]");

    @Override
    public String name() {
        return "winprefetch";
    }

    @Override
    public String baseQuery() {
        return "data_type:\"windows:prefetch:execution\"";
    }

    @Override
    public List<String> baseFields() {
        return List.of("executable");
    }

    @Override
    public Optional<String> target(StoredEvent base) {
        return EventValues.text(base.source().get("executable")).map(v -> v.toLowerCase(Locale.ROOT))
                .filter(v -> v.endsWith(".exe"));
    }

    @Override
    public String candidateQuery() {
        return "_exists_:url OR parser:lnk";
    }

    @Override
    public List<String> candidateFields() {
        return List.of("url", "parser", "link_target");
    }

    @Override
    public List<String> keys(StoredEvent candidate) {
        List<String> keys = new ArrayList<>();
        EventValues.text(candidate.source().get("url")).ifPresent(url -> {
            for (String part : URL_PARTS.split(url.toLowerCase(Locale.ROOT))) {
                if (part.endsWith(".exe")) {
                    keys.add(part);
                }
            }
        });
        if ("lnk".equals(candidate.source().get("parser"))) {
            EventValues.text(candidate.source().get("link_target"))
                    .ifPresent(v -> keys.add(ChainPlugin.baseName(v).toLowerCase(Locale.ROOT)));
        }
        return keys;
    }
}
