package org.timesmith.analysis.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.timesmith.analysis.EventValues;
import org.timesmith.core.search.StoredEvent;

/**
 * Timesketch's {@code chromefilesystem} chain plugin: a Chrome download links to the file system
 * entries of the file it wrote ({@code fs:stat} by file name, {@code fs:stat:ntfs} by name) and to
 * executions of it ({@code executable}). Names are compared as whole file names, case-insensitively.
 */
final class ChromeDownloadFilePlugin implements ChainPlugin {

    @Override
    public String name() {
        return "chromefilesystem";
    }

    @Override
    public String baseQuery() {
        return "data_type:\"chrome:history:file_downloaded\"";
    }

    @Override
    public List<String> baseFields() {
        return List.of("full_path");
    }

    @Override
    public Optional<String> target(StoredEvent base) {
        return EventValues.text(base.source().get("full_path")).map(ChainPlugin::baseName).filter(n -> !n.isEmpty())
                .map(n -> n.toLowerCase(Locale.ROOT));
    }

    @Override
    public String candidateQuery() {
        return "data_type:\"fs:stat\" OR data_type:\"fs:stat:ntfs\" OR _exists_:executable";
    }

    @Override
    public List<String> candidateFields() {
        return List.of("data_type", "filename", "name", "executable");
    }

    @Override
    public List<String> keys(StoredEvent candidate) {
        List<String> keys = new ArrayList<>();
        Object dataType = candidate.source().get("data_type");
        String field = "fs:stat".equals(dataType) ? "filename" : "fs:stat:ntfs".equals(dataType) ? "name" : null;
        if (field != null) {
            EventValues.text(candidate.source().get(field)).ifPresent(v -> keys.add(ChainPlugin.baseName(v).toLowerCase(Locale.ROOT)));
        }
        EventValues.text(candidate.source().get("executable"))
                .ifPresent(v -> keys.add(ChainPlugin.baseName(v).toLowerCase(Locale.ROOT)));
        return keys;
    }
}
