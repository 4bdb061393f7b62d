package org.timesmith.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreDeterministicUrlSafeAndTwentyCharactersLong() {
        assertThat(EventIds.of("upload-1@7", 42)).isEqualTo(EventIds.of("upload-1@7", 42))
                .hasSize(20).matches("[A-Za-z0-9_-]{20}");
        assertThat(EventIds.of("upload-1@7", 42)).isNotEqualTo(EventIds.of("upload-1@8", 42))
                .isNotEqualTo(EventIds.of("upload-1@7", 43));
    }

    @Test
    void idsOfOneDataSourceSharePrefixAndSortByPosition() {
        List<String> ids = new ArrayList<>();
        for (long position : new long[] {0, 1, 63, 64, 65, 4095, 4096, 1_000_000, 123_456_789_012L, (1L << 48) - 1}) {
            ids.add(EventIds.of("file.csv@3", position));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith(ids.getFirst().substring(0, EventIds.DATA_SOURCE_PREFIX)));
        assertThat(EventIds.of("other.csv@3", 0)).doesNotStartWith(ids.getFirst().substring(0, EventIds.DATA_SOURCE_PREFIX));
    }

    @Test
    void positionOutsideTheIdRangeIsAClearError() {
        assertThatThrownBy(() -> EventIds.of("x", -1)).hasMessageContaining("out of range: -1");
        assertThatThrownBy(() -> EventIds.of("x", 1L << 48)).hasMessageContaining("out of range");
    }
}
