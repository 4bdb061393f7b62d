package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.timesmith.core.reader.ReaderTestSupport.options;
import static org.timesmith.core.reader.ReaderTestSupport.readAll;
import static org.timesmith.core.reader.ReaderTestSupport.records;
import static org.timesmith.core.reader.ReaderTestSupport.rejections;
import static org.timesmith.core.reader.ReaderTestSupport.resource;
import static org.timesmith.core.reader.ReaderTestSupport.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class L2tCsvEventReaderTest {

    @TempDir
    Path dir;

    @Test
    void detectedByItsHeader() {
        assertThat(Readers.detect(resource("l2t_sample.csv"))).isEqualTo(Format.L2TCSV);
    }

    @Test
    void convertsDateTimeAndZoneToExactUtcMicroseconds() {
        Path file = resource("l2t_sample.csv");
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records).extracting(r -> r.fields().get("timestamp"), r -> r.fields().get("datetime"))
                .containsExactly(
                        tuple(1331698658000000L, "2012-03-14T04:17:38.000000+00:00"),
                        // Amsterdam in July is UTC+2.
                        tuple(1625142600000000L, "2021-07-01T12:30:00.000000+00:00"),
                        // EST5EDT in January is UTC-5; the fraction is kept.
                        tuple(1579093200500000L, "2020-01-15T13:00:00.500000+00:00"));
    }

    @Test
    void mapsColumnsToTimesketchFieldsAndSplitsExtra() {
        Path file = resource("l2t_sample.csv");
        SourceRecord first = records(readAll(Readers.open(file, options(file)))).getFirst();
        assertThat(first.fields())
                .containsEntry("timestamp_desc", "Content Modification Time")
                .containsEntry("message", "[7036 / 0x1b7c] Source Name: Service Control Manager Message string: "
                        + "The service entered the stopped state.")
                .containsEntry("MACB", "..C.")
                .containsEntry("source", "EVT")
                .containsEntry("sourcetype", "WinEVTX")
                .containsEntry("user", "-")
                .containsEntry("host", "WKS-WIN764BITB")
                .containsEntry("short", "[7036 / 0x1b7c] Service Control Manager")
                .containsEntry("version", "2")
                .containsEntry("filename", "OS:/root/System.evtx")
                .containsEntry("inode", "12050")
                .containsEntry("notes", "-")
                .containsEntry("format", "winevtx")
                .containsEntry("extra", "md5_hash: 0a1b; message_identifier: 1073748860; recovered: False; "
                        + "sha256_hash: ccb83c")
                .containsEntry("md5_hash", "0a1b")
                .containsEntry("message_identifier", "1073748860")
                .containsEntry("recovered", "False")
                .containsEntry("sha256_hash", "ccb83c")
                .doesNotContainKeys("date", "time", "timezone", "type", "desc");
        SourceRecord second = records(readAll(Readers.open(file, options(file)))).get(1);
        assertThat(second.fields()).containsEntry("user", "root").containsEntry("extra_user", "alice")
                .containsEntry("pid", "123");
    }

    @Test
    void badDateTimeOrZoneRejectsTheRowNamingTheField() {
        Path file = resource("l2t_sample.csv");
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(items).hasSize(7);
        assertThat(rejections(items)).extracting(Rejection::line, r -> r.field().orElse(null))
                .containsExactly(tuple(5L, "date"), tuple(6L, "time"), tuple(7L, "timezone"), tuple(8L, null));
        assertThat(rejections(items).get(2).describe())
                .isEqualTo("l2t_sample.csv line 7 (record 6), field timezone: 'Mars/Olympus' is not a known time zone");
        assertThat(rejections(items).get(3).reason()).isEqualTo("row has 6 cells but the header has 17");
    }

    @Test
    void aCsvWithoutTheL2tHeaderIsRefusedWhenL2tIsForced() {
        Path file = write(dir, "plain.csv", "message,datetime\na,b\n");
        assertThatThrownBy(() -> Readers.open(file, new ReaderOptions(Format.L2TCSV, "plain.csv", Optional.empty(),
                Optional.empty())))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("plain.csv: not an L2T CSV file");
    }

    @Test
    void headerOnlyL2tHasZeroRecords() {
        Path file = write(dir, "empty_l2t.csv", String.join(",", L2tCsvEventReader.COLUMNS) + "\r\n");
        assertThat(Readers.detect(file)).isEqualTo(Format.L2TCSV);
        assertThat(readAll(Readers.open(file, options(file)))).isEmpty();
    }
}
