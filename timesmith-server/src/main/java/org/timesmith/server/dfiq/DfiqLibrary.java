package org.timesmith.server.dfiq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The server's DFIQ library, read once on start from {@code timesmith.dfiq.path} (by default
 * {@code dfiq/} in the data directory, with {@code scenarios/}, {@code facets/} and
 * {@code questions/} folders of YAML files). Without that folder there is no library: the template
 * lists are empty and adding a scenario or a question from a template is refused; the log says so.
 * Each broken file is logged with its field and skipped.
 */
@Service
public class DfiqLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(DfiqLibrary.class);

    private final Path path;
    private final Optional<DfiqCatalog> catalog;

    DfiqLibrary(@Value("${timesmith.dfiq.path:}") String path, @Value("${timesmith.home}") Path home) {
        this.path = path.isBlank() ? home.resolve("dfiq") : Path.of(path);
        if (!Files.isDirectory(this.path)) {
            LOG.info("No DFIQ library: {} is not a folder (set timesmith.dfiq.path); DFIQ scenario and question"
                    + " templates are not available", this.path.toAbsolutePath());
            this.catalog = Optional.empty();
            return;
        }
        DfiqCatalog loaded = DfiqCatalog.load(this.path);
        loaded.problems().forEach(p -> LOG.error("DFIQ file skipped: {}", p));
        LOG.info("DFIQ library {}: {}{}", this.path.toAbsolutePath(), loaded.counts(),
                loaded.problems().isEmpty() ? "" : ", " + loaded.problems().size() + " files skipped");
        this.catalog = Optional.of(loaded);
    }

    /** The library, or empty when none is configured. */
    public Optional<DfiqCatalog> catalog() {
        return catalog;
    }

    public Path path() {
        return path;
    }
}
