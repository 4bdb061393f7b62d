package org.timesmith.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timesmith.server.TimesmithServer;
import org.timesmith.server.support.TestServer;

/** {@code timesmith.store} picks the event store; anything but its valid values stops the start. */
class StoreSelectionTest {

    private final Path home = TestServer.createHome();

    @AfterEach
    void deleteHome() {
        TestServer.deleteRecursively(home);
    }

    @Test
    void anUnknownStoreFailsTheStartNamingTheValidValues() {
        assertThatThrownBy(() -> TimesmithServer.start(home, 0, false, Map.of("timesmith.store", "elasticsearch"),
                List.of()).close())
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timesmith.store is 'elasticsearch'")
                .hasMessageContaining("must be one of lucene, opensearch");
    }

    @Test
    void anEmptyStoreValueIsRejectedToo() {
        assertThatThrownBy(() -> TimesmithServer.start(home, 0, false, Map.of("timesmith.store", " "),
                List.of()).close())
                .rootCause()
                .hasMessageContaining("must be one of lucene, opensearch");
    }

    @Test
    void theStoreNameIsCaseInsensitiveAndLuceneIsTheDefault() {
        assertThat(new TimesmithProperties(null, "Lucene", false, null, null).store()).isEqualTo("lucene");
        assertThat(new TimesmithProperties(null, "OPENSEARCH", false, null, null).store()).isEqualTo("opensearch");
        assertThat(new TimesmithProperties(null, null, false, null, null).store()).isEqualTo("lucene");
    }
}
