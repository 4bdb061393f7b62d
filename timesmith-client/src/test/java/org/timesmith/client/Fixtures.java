package org.timesmith.client;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared real-world fixtures; a test whose fixture is missing is skipped with a notice. */
final class Fixtures {

    private Fixtures() {
    }

    static Path require(String relative) {
        Path root = Path.of(System.getProperty("timesmith.fixtures", "../../shared/fixtures"));
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            System.out.println("NOTICE: fixture " + file + " is missing; test skipped");
        }
        Assumptions.assumeTrue(Files.isRegularFile(file), "fixture " + file + " is missing");
        return file;
    }
}
