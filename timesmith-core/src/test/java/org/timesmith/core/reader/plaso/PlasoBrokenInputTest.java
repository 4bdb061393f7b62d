package org.timesmith.core.reader.plaso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.InputFormatException;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.ReaderOptions;
import org.timesmith.core.reader.Rejection;
import org.timesmith.core.reader.SourceRecord;

/** Every way a plaso input can be wrong: whole-file problems throw, single-event problems reject. */
class PlasoBrokenInputTest {

    @TempDir
    Path dir;

    private static final String STAT = SyntheticPlaso.eventDataJson("fs:stat",
            "\"_parser_chain\": \"filestat\", \"display_name\": \"OS:/x\", \"filename\": \"/x\", \"inode\": 7");

    private static List<ReadItem> readAll(Path file) throws IOException {
        List<ReadItem> items = new ArrayList<>();
        try (EventReader reader = PlasoReader.open(file, ReaderOptions.auto("upload.plaso"))) {
            reader.forEachRemaining(items::add);
        }
        return items;
    }

    private static void assertRejected(Path file, String... fragments) {
        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContainingAll(fragments);
    }

    private Path brokenCopyOfFixture(String sql) throws IOException, SQLException {
        Path copy = dir.resolve("broken.plaso");
        Files.copy(PlasoFixturesTest.fixture("evtx_20250918.plaso"), copy);
        copy.toFile().setWritable(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return copy;
    }

    @Test
    void oldZipStorageFormatIsRecognisedAndRefused() throws IOException {
        Path zip = dir.resolve("old.plaso");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("metadata.txt"));
            out.write("[plaso_storage_file]\nformat_version: 20170707\n".getBytes());
            out.putNextEntry(new ZipEntry("event_data.000001"));
            out.write(new byte[] {0, 0, 0, 0});
        }

        assertThat(PlasoReader.isPlaso(zip)).isTrue();
        assertRejected(zip, "ZIP format of plaso 20171231 or older", "not supported");
    }

    @Test
    void anOrdinaryZipIsNotPlaso() throws IOException {
        Path zip = dir.resolve("photos.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes());
        }

        assertThat(PlasoReader.isPlaso(zip)).isFalse();
        assertRejected(zip, "a ZIP archive, not a plaso storage file");
    }

    @Test
    void sqliteThatIsNotPlasoIsRefused() throws SQLException {
        Path db = dir.resolve("other.sqlite");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE places (url TEXT)");
        }

        assertThat(PlasoReader.isPlaso(db)).isFalse();
        assertRejected(db, "without plaso's metadata table", "not a plaso storage file");
    }

    @Test
    void textFilesEmptyFilesAndMissingFilesAreRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("events.csv"), "datetime,message\n");
        Path empty = Files.createFile(dir.resolve("empty.plaso"));
        Path missing = dir.resolve("nowhere.plaso");

        assertThat(PlasoReader.isPlaso(text)).isFalse();
        assertThat(PlasoReader.isPlaso(empty)).isFalse();
        assertThat(PlasoReader.isPlaso(missing)).isFalse();
        assertRejected(text, "no SQLite 3 header");
        assertRejected(empty, "no SQLite 3 header");
        assertRejected(missing, "cannot be read");
    }

    @Test
    void fixtureCopyWithoutEventTableIsRefused() throws Exception {
        Path broken = brokenCopyOfFixture("DROP TABLE event");

        assertThat(PlasoReader.isPlaso(broken)).isTrue();
        assertRejected(broken, "format 20230327", "has no event table");
    }

    @Test
    void fixtureCopyWithoutEventDataTableIsRefused() throws Exception {
        assertRejected(brokenCopyOfFixture("DROP TABLE event_data"), "has no event_data table");
    }

    @Test
    void fixtureCopyWithoutMetadataTableIsRefused() throws Exception {
        Path broken = brokenCopyOfFixture("DROP TABLE metadata");

        assertThat(PlasoReader.isPlaso(broken)).isFalse();
        assertRejected(broken, "without plaso's metadata table");
    }

    @Test
    void truncatedFixtureCopyFailsNamingTheFile() throws Exception {
        Path truncated = dir.resolve("truncated.plaso");
        Files.copy(PlasoFixturesTest.fixture("evtx_20250918.plaso"), truncated);
        truncated.toFile().setWritable(true);
        try (FileChannel channel = FileChannel.open(truncated, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 3);
        }

        assertThatThrownBy(() -> readAll(truncated))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(truncated.toString());
    }

    @Test
    void eventTableWithoutTimestampDescIsRefusedNamingTheColumn() {
        Path file = new SyntheticPlaso().eventData(STAT).event("event_data.1", 1L, "Creation Time")
                .then("ALTER TABLE event DROP COLUMN timestamp_desc").write(dir.resolve("nodesc.plaso"));

        assertRejected(file, "table event has no column timestamp_desc");
    }

    @Test
    void eventTableWithoutLinkColumnIsRefused() {
        Path file = new SyntheticPlaso().eventData(STAT).event("event_data.1", 1L, "Creation Time")
                .then("ALTER TABLE event DROP COLUMN _event_data_identifier").write(dir.resolve("nolink.plaso"));

        assertRejected(file, "table event has none of the columns _event_data_identifier, _event_data_row_identifier");
    }

    @Test
    void eventDataWithoutDataColumnIsRefused() {
        Path file = new SyntheticPlaso().eventData(STAT).event("event_data.1", 1L, "Creation Time")
                .then("ALTER TABLE event_data RENAME COLUMN _data TO data").write(dir.resolve("nodata.plaso"));

        assertRejected(file, "table event_data has no column _data");
    }

    @Test
    void badMetadataIsRefused() {
        Path noVersion = new SyntheticPlaso().metadata("format_version", null).eventData(STAT)
                .write(dir.resolve("noversion.plaso"));
        Path wordVersion = new SyntheticPlaso().metadata("format_version", "latest").write(dir.resolve("word.plaso"));
        Path protobuf = new SyntheticPlaso().metadata("serialization_format", "protobuf").write(dir.resolve("proto.plaso"));
        Path gzip = new SyntheticPlaso().metadata("compression_format", "gzip").write(dir.resolve("gzip.plaso"));

        assertThat(PlasoReader.isPlaso(noVersion)).isFalse();
        assertRejected(noVersion, "no format_version");
        assertRejected(wordVersion, "format_version 'latest' is not a number");
        assertRejected(protobuf, "serialization_format is 'protobuf'");
        assertRejected(gzip, "compression_format is 'gzip'");
    }

    @Test
    void blobEventsOfFormatsBefore20210621AreRefused() throws SQLException {
        Path file = dir.resolve("2019.plaso");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE metadata (key TEXT, value TEXT)");
            statement.execute("INSERT INTO metadata VALUES ('format_version', '20190309'), "
                    + "('compression_format', 'zlib'), ('serialization_format', 'json')");
            statement.execute("CREATE TABLE event (_identifier INTEGER PRIMARY KEY AUTOINCREMENT, _timestamp BIGINT, _data BLOB)");
            statement.execute("CREATE TABLE event_data (_identifier INTEGER PRIMARY KEY AUTOINCREMENT, _data BLOB)");
        }

        assertThat(PlasoReader.isPlaso(file)).isTrue();
        assertRejected(file, "format 20190309 stores events as JSON blobs", "20210621 and later");
    }

    @Test
    void brokenEventsAreRejectedOneByOneAndTheRestIsRead() throws IOException {
        Path file = new SyntheticPlaso()
                .eventData(STAT)
                .eventData("not json at all")
                .event("event_data.1", 1_000_000L, "Creation Time")
                .event("event_data.2", 2_000_000L, "Creation Time")
                .event("event_data.99", 3_000_000L, "Creation Time")
                .event("event_source.1", 4_000_000L, "Creation Time")
                .event("event_data.1", null, "Last Access Time")
                .event("event_data.1", 5_000_000L, "Modification Time")
                .tag("event.6", "exit1")
                .then("UPDATE event_data SET _data = x'00010203' WHERE _identifier = 2")
                .write(dir.resolve("events.plaso"));

        List<ReadItem> items = readAll(file);

        assertThat(items).hasSize(6);
        assertThat(items).filteredOn(SourceRecord.class::isInstance).extracting(ReadItem::recordNumber).containsExactly(1L);
        List<String> reasons = items.stream().filter(Rejection.class::isInstance)
                .map(item -> ((Rejection) item).describe()).toList();
        assertThat(reasons).containsExactlyInAnyOrder(
                "upload.plaso record 5, field timestamp: event.5: timestamp None is not an integer",
                "upload.plaso record 2, field _event_data_identifier: event.2: event_data.2 _data cannot be inflated: incorrect header check",
                "upload.plaso record 3, field _event_data_identifier: event.3: event_data.99 does not exist",
                "upload.plaso record 4, field _event_data_identifier: event.4: link 'event_source.1' does not name a row of event_data",
                "upload.plaso record 6, field tag: event.6: event_tag labels 'exit1' is not a JSON list");
    }

    @Test
    void aDamagedJsonBlobIsRejectedWithTheParserMessage() throws IOException {
        Path file = new SyntheticPlaso().eventData("{\"data_type\": ").event("event_data.1", 1L, "Creation Time")
                .write(dir.resolve("json.plaso"));

        assertThat(readAll(file)).singleElement().isInstanceOfSatisfying(Rejection.class, rejection ->
                assertThat(rejection.reason()).startsWith("event.1: event_data.1 _data is not a JSON object: "));
    }
}
