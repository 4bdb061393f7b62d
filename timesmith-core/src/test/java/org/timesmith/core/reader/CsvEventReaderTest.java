package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.reader.ReaderTestSupport.fixture;
import static org.timesmith.core.reader.ReaderTestSupport.gzip;
import static org.timesmith.core.reader.ReaderTestSupport.options;
import static org.timesmith.core.reader.ReaderTestSupport.readAll;
import static org.timesmith.core.reader.ReaderTestSupport.readInto;
import static org.timesmith.core.reader.ReaderTestSupport.records;
import static org.timesmith.core.reader.ReaderTestSupport.rejections;
import static org.timesmith.core.reader.ReaderTestSupport.withDelimiter;
import static org.timesmith.core.reader.ReaderTestSupport.write;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvEventReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} has {1} records")
    @CsvSource({
            "e2e_test_data/evtx_direct.csv, 13, 21",
            "e2e_test_data/evtx_direct_without_label.csv, 13, 21",
            "e2e_test_data/evtx_fails.csv, 13, 20",
            "e2e_test_data/evtx_part.csv, 13, 25",
            "e2e_test_data/sigma_events.csv, 4, 11",
            "test_events/csv_datetime_last_column.csv, 4, 4",
            "test_events/csv_timestamp_as_datetime.csv, 4, 9",
            "test_events/csv_timestamp_no_datetime.csv, 3, 3",
            "test_events/incorrect.csv, 1, 14",
            "test_events/invalid_datetime.csv, 4, 5",
            "test_events/mapping_limit_exceed.csv, 1, 503",
            "test_events/sigma_events.csv, 4, 11",
            "test_events/validate_date_events_missing_timestamp.csv, 1, 4",
            "test_events/validate_no_datetime_timestamps.csv, 5, 5",
            "test_events/validate_time_out_of_range.csv, 2, 5",
            "test_events/validate_time_precision.csv, 2, 5",
            "test_events/validate_time_precision_datetime.csv, 1, 5",
            "test_events/validate_timestamp_conversion.csv, 3, 5",
    })
    void readsTimesketchFixturesWithExpectedCounts(String name, int records, int columns) {
        Path file = fixture("timesketch/" + name);
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(rejections(items)).isEmpty();
        // a row has fewer fields than columns when it has empty cells: those are absent fields
        assertThat(records(items)).hasSize(records)
                .allSatisfy(r -> assertThat(r.fields()).hasSizeLessThanOrEqualTo(columns));
    }

    @Test
    void evtxFixtureKeepsMultiLineMessageAndStartLine() {
        Path file = fixture("timesketch/e2e_test_data/evtx_part.csv");
        List<SourceRecord> records = records(readAll(CsvEventReader.open(file, options(file, Format.CSV))));
        SourceRecord first = records.getFirst();
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.fields()).containsEntry("datetime", "2012-03-14 04:17:38.276340+00:00")
                .containsEntry("__ts_timeline_id", "35");
        assertThat(records).extracting(SourceRecord::recordNumber).containsExactly(
                1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
    }

    @Test
    void sniffsDelimiterFromHeader() {
        for (char delimiter : new char[] {';', '\t', '|', ','}) {
            String d = String.valueOf(delimiter);
            Path file = write(dir, "sniff.csv", String.join(d, "message", "datetime", "timestamp_desc") + "\n"
                    + String.join(d, "\"a, b\"", "2024-01-01T00:00:00Z", "Write") + "\n");
            try (CsvEventReader reader = CsvEventReader.open(file, options(file, Format.CSV))) {
                assertThat(reader.delimiter()).isEqualTo(delimiter);
                assertThat(reader.header()).containsExactly("message", "datetime", "timestamp_desc");
                assertThat(((SourceRecord) reader.next()).fields()).containsEntry("message", "a, b");
            }
        }
    }

    @Test
    void wrongDelimiterGivesOneGiantColumnButStillRecords() {
        Path file = write(dir, "semi.csv", "message;datetime;timestamp_desc\nhello;2024-01-01T00:00:00Z;Write\n");
        List<ReadItem> items;
        try (CsvEventReader reader = CsvEventReader.open(file, withDelimiter(file, ','))) {
            assertThat(reader.header()).containsExactly("message;datetime;timestamp_desc");
            items = readAll(reader);
        }
        assertThat(records(items)).singleElement().satisfies(r -> assertThat(r.fields())
                .containsExactly(java.util.Map.entry("message;datetime;timestamp_desc",
                        "hello;2024-01-01T00:00:00Z;Write")));
    }

    @Test
    void missingRequiredColumnsStillYieldRecordsForTheNormaliserToJudge() {
        Path file = write(dir, "partial.csv", "message,foo\nhello,bar\n");
        assertThat(records(readAll(Readers.open(file, options(file))))).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsOnlyKeys("message", "foo"));
    }

    @Test
    void multiLineQuotedFieldRecordsTheLineWhereItStarts() {
        Path file = write(dir, "multi.csv", "message,datetime\n\"line one\nline two\nline three\",2024\nnext,2025\n");
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 5L);
        assertThat(records.getFirst().fields()).containsEntry("message", "line one\nline two\nline three");
    }

    @Test
    void crlfLineEndings() {
        Path file = write(dir, "crlf.csv", "message,datetime\r\na,1\r\n\"b\r\nc\",2\r\nd,3\r\n");
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records).extracting(r -> r.fields().get("datetime")).containsExactly("1", "2", "3");
        assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 3L, 5L);
        assertThat(records.get(1).fields()).containsEntry("message", "b\r\nc");
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheFirstHeader() {
        byte[] body = "message,datetime\nhé,1\n".getBytes(StandardCharsets.UTF_8);
        Path file = write(dir, "bom.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body));
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records.getFirst().fields()).containsEntry("message", "hé").containsKey("message");
    }

    @Test
    void utf16WithByteOrderMarkInBothByteOrders() {
        String text = "message,datetime\nzürich ✓,1\n";
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        for (byte[] bytes : List.of(le, be)) {
            Path file = write(dir, "utf16.csv", bytes);
            assertThat(Readers.detect(file)).isEqualTo(Format.CSV);
            EventReader reader = Readers.open(file, options(file));
            List<SourceRecord> records = records(readAll(reader));
            assertThat(records).singleElement().satisfies(r -> assertThat(r.fields())
                    .containsEntry("message", "zürich ✓").containsEntry("datetime", "1"));
            assertThat(reader.invalidCharactersReplaced()).isZero();
        }
    }

    @Test
    void invalidUtf8IsReplacedAndCounted() {
        byte[] bytes = concat("message,datetime\nbad ".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x28, ' ', (byte) 0xFF}, ",1\nfine,2\n".getBytes(StandardCharsets.UTF_8));
        Path file = write(dir, "bad-utf8.csv", bytes);
        EventReader reader = Readers.open(file, options(file));
        List<SourceRecord> records = records(readAll(reader));
        assertThat(records).hasSize(2);
        assertThat(records.getFirst().fields()).containsEntry("message", "bad \uFFFD( \uFFFD");
        assertThat(reader.invalidCharactersReplaced()).isEqualTo(2);
    }

    @Test
    void raggedRowsAreRejectedPerLineAndReadingGoesOn() {
        Path file = write(dir, "ragged.csv", "a,b,c\n1,2,3\n1,2\n1,2,3,4\n\n5,6,7\n");
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(records(items)).extracting(SourceRecord::recordNumber).containsExactly(1L, 4L);
        assertThat(rejections(items)).extracting(Rejection::line, Rejection::recordNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 2L), org.assertj.core.groups.Tuple.tuple(4L, 3L));
        assertThat(rejections(items).getFirst().describe())
                .isEqualTo("ragged.csv line 3 (record 2): row has 2 cells but the header has 3");
        assertThat(rejections(items).get(1).reason()).isEqualTo("row has 4 cells but the header has 3");
        assertThat(records(items).get(1).line()).isEqualTo(6);
    }

    @Test
    void emptyFileIsAClearError() {
        Path file = write(dir, "empty.csv", "");
        assertThatThrownBy(() -> CsvEventReader.open(file, options(file, Format.CSV)))
                .isInstanceOf(InputFormatException.class).hasMessageContaining("empty.csv").hasMessageContaining("empty");
        assertThatThrownBy(() -> Readers.open(file, options(file)))
                .isInstanceOf(InputFormatException.class).hasMessage("empty.csv: the file is empty");
    }

    @Test
    void headerOnlyFileHasZeroRecords() {
        Path file = write(dir, "header.csv", "message,datetime,timestamp_desc\n");
        assertThat(readAll(Readers.open(file, options(file)))).isEmpty();
    }

    @Test
    void headerCellsAreTrimmedAndDuplicatesAndBlanksGetNames() {
        Path file = write(dir, "dupes.csv", " message , name,name,,name\nm,a,b,c,d\n");
        try (CsvEventReader reader = CsvEventReader.open(file, options(file, Format.CSV))) {
            assertThat(reader.header()).containsExactly("message", "name", "name_2", "column_4", "name_3");
            assertThat(((SourceRecord) reader.next()).fields()).containsEntry("name_2", "b").containsEntry("column_4", "c");
        }
    }

    @Test
    void emptyCellsAreAbsentFieldsAsInTimesketch() {
        Path file = write(dir, "blanks.csv", "a,b,c,d\n,x,\"\",\" \"\n");
        assertThat(records(readAll(Readers.open(file, options(file)))).getFirst().fields())
                .containsOnlyKeys("b", "d").containsEntry("b", "x").containsEntry("d", " ");
    }

    @Test
    void twentyMegabyteFieldIsReadWhole() throws IOException {
        Path file = dir.resolve("big.csv");
        int size = 20 * 1024 * 1024;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("message,blob\nbig,\"");
            char[] chunk = new char[64 * 1024];
            Arrays.fill(chunk, 'x');
            for (int written = 0; written < size; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"\nsmall,y\n");
        }
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records).hasSize(2);
        assertThat((String) records.getFirst().fields().get("blob")).hasSize(size);
    }

    @Test
    void fiveThousandColumns() {
        StringJoiner header = new StringJoiner(",");
        StringJoiner row = new StringJoiner(",");
        for (int i = 0; i < 5000; i++) {
            header.add("field_" + i);
            row.add("v" + i);
        }
        Path file = write(dir, "wide.csv", header + "\n" + row + "\n");
        SourceRecord record = records(readAll(Readers.open(file, options(file)))).getFirst();
        assertThat(record.fields()).hasSize(5000).containsEntry("field_4999", "v4999");
    }

    @Test
    void gzipIsReadTransparentlyAndBytesReadCountsCompressedBytes() throws IOException {
        StringBuilder text = new StringBuilder("message,n\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("event number ").append(i).append(',').append(i).append('\n');
        }
        Path file = write(dir, "events.csv.gz", gzip(text.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(Readers.detect(file)).isEqualTo(Format.CSV);
        EventReader reader = Readers.open(file, options(file));
        List<ReadItem> items = new ArrayList<>();
        readInto(reader, items);
        assertThat(records(items)).hasSize(20_000);
        assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
    }

    @Test
    void truncatedGzipKeepsRecordsSoFarThenFailsClearly() {
        StringBuilder text = new StringBuilder("message,n\n");
        for (int i = 0; i < 50_000; i++) {
            text.append("event number ").append(i).append(",").append(i * 7919L).append('\n');
        }
        byte[] whole = gzip(text.toString().getBytes(StandardCharsets.UTF_8));
        Path file = write(dir, "cut.csv.gz", Arrays.copyOf(whole, whole.length / 2));
        List<ReadItem> items = new ArrayList<>();
        assertThatThrownBy(() -> readInto(Readers.open(file, options(file)), items))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("cut.csv.gz")
                .hasMessageContaining("truncated or corrupt");
        assertThat(records(items)).hasSizeGreaterThan(1000).hasSizeLessThan(50_000);
        assertThat(records(items).getLast().fields().get("n")).isNotNull();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
