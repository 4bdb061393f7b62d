package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.reader.ReaderTestSupport.fixture;
import static org.timesmith.core.reader.ReaderTestSupport.gzip;
import static org.timesmith.core.reader.ReaderTestSupport.options;
import static org.timesmith.core.reader.ReaderTestSupport.readAll;
import static org.timesmith.core.reader.ReaderTestSupport.records;
import static org.timesmith.core.reader.ReaderTestSupport.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.reader.plaso.PlasoReader;

/** Format detection by content, and the whole-input errors that come before any reader. */
class ReadersTest {

    @TempDir
    Path dir;

    @Test
    void detectsTextFormatsByContentNotExtension() {
        assertThat(Readers.detect(write(dir, "a.txt", "message,datetime\nx,y\n"))).isEqualTo(Format.CSV);
        assertThat(Readers.detect(write(dir, "b.csv", "{\"message\": \"x\"}\n{\"message\": \"y\"}\n")))
                .isEqualTo(Format.JSONL);
        assertThat(Readers.detect(write(dir, "c.jsonl", "  [ {\"message\": \"x\"} ]"))).isEqualTo(Format.JSON);
        assertThat(Readers.detect(write(dir, "c2.json", "[\n  {\"message\": \"x\"}\n]\n"))).isEqualTo(Format.JSON);
        assertThat(Readers.detect(write(dir, "c3.json", "[]"))).isEqualTo(Format.JSON);
        assertThat(Readers.detect(write(dir, "c4.csv", "[time],message\n1,x\n"))).isEqualTo(Format.CSV);
        assertThat(Readers.detect(write(dir, "d.json", "{\n \"message\": \"x\"\n}\n"))).isEqualTo(Format.JSON);
        assertThat(Readers.detect(write(dir, "e.csv", "#separator \\x09\n#fields\tts\n1.0\n"))).isEqualTo(Format.ZEEK);
        assertThat(Readers.detect(write(dir, "f.txt", String.join(",", L2tCsvEventReader.COLUMNS) + "\n")))
                .isEqualTo(Format.L2TCSV);
        assertThat(Readers.detect(write(dir, "g.txt", String.join(" , ", L2tCsvEventReader.COLUMNS).toUpperCase() + "\n")))
                .isEqualTo(Format.L2TCSV);
    }

    @Test
    void extensionBreaksTheTieWhenTheFirstLineIsABrokenObject() {
        String text = "{\"message\": broken\n{\"message\": \"fine\"}\n";
        assertThat(Readers.detect(write(dir, "events.jsonl", text))).isEqualTo(Format.JSONL);
        assertThat(Readers.detect(write(dir, "events.ndjson.gz", gzip(text.getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo(Format.JSONL);
        assertThat(Readers.detect(write(dir, "events.json", text))).isEqualTo(Format.JSON);
        Path jsonl = dir.resolve("events.jsonl");
        assertThat(readAll(Readers.open(jsonl, options(jsonl)))).hasSize(2);
    }

    @Test
    void gzipIsDetectedInsideAndCompressedContainersAreRefused() {
        assertThat(Readers.detect(write(dir, "x.gz", gzip("[{\"a\": 1}]".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo(Format.JSON);
        Path zipped = write(dir, "book.xlsx.gz", gzip(new byte[] {'P', 'K', 3, 4, 0, 0}));
        assertThatThrownBy(() -> Readers.detect(zipped)).isInstanceOf(InputFormatException.class)
                .hasMessage("book.xlsx.gz: a gzip-compressed ZIP/XLSX file is not supported; decompress it first");
        Path cut = write(dir, "cut.csv.gz", new byte[] {0x1F, (byte) 0x8B, 8, 0, 0});
        assertThatThrownBy(() -> Readers.detect(cut)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("cut.csv.gz: the compressed data is truncated or corrupt");
        Path emptyInside = write(dir, "empty.csv.gz", gzip(new byte[0]));
        assertThatThrownBy(() -> Readers.detect(emptyInside)).isInstanceOf(InputFormatException.class)
                .hasMessage("empty.csv.gz: the file is empty (after decompression)");
    }

    @Test
    void binaryGarbageIsNotASupportedFormat() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 'x';
        Path file = write(dir, "noise.csv", noise);
        assertThatThrownBy(() -> Readers.open(file, options(file)))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("noise.csv: not a supported timeline format");
        Path nul = write(dir, "nul.csv", "message,datetime\nab\0cd,1\n");
        assertThatThrownBy(() -> Readers.detect(nul)).isInstanceOf(InputFormatException.class)
                .hasMessageContaining("not a supported timeline format");
    }

    @Test
    void sqliteThatIsNotPlasoAndZipThatIsNotXlsxAreClearErrors() throws IOException {
        byte[] sqlite = new byte[1024];
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, sqlite, 0, magic.length);
        Path db = write(dir, "some.db", sqlite);
        assertThatThrownBy(() -> Readers.detect(db)).isInstanceOf(InputFormatException.class)
                .hasMessage("some.db: an SQLite database but not a plaso storage file");

        Path zip = dir.resolve("archive.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> Readers.detect(zip)).isInstanceOf(InputFormatException.class)
                .hasMessage("archive.zip: a ZIP archive but neither an XLSX workbook nor a plaso storage file");
    }

    @Test
    void plasoStorageIsHandedToThePlasoReader() {
        Path file = fixture("plaso/evtx_20250918.plaso");
        Assumptions.assumeTrue(PlasoReader.isPlaso(file), "the plaso reader does not recognise files yet");
        assertThat(Readers.detect(file)).isEqualTo(Format.PLASO);
    }

    @Test
    void emptyMissingAndBlankFilesAreClearErrors() {
        Path empty = write(dir, "empty.json", "");
        assertThatThrownBy(() -> Readers.open(empty, options(empty))).isInstanceOf(InputFormatException.class)
                .hasMessage("empty.json: the file is empty");
        Path blank = write(dir, "blank.csv", "\n\r\n  \n");
        assertThatThrownBy(() -> Readers.open(blank, options(blank))).isInstanceOf(InputFormatException.class)
                .hasMessage("blank.csv: the file is empty (only blank lines)");
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> Readers.open(missing, options(missing))).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("missing.csv: cannot be read");
    }

    @Test
    void explicitFormatSkipsDetection() {
        Path file = write(dir, "looks-like.json", "[\"message\"]\n[\"x\"]\n");
        assertThat(records(readAll(Readers.open(file, options(file, Format.CSV)))))
                .singleElement().satisfies(r -> assertThat(r.fields()).containsEntry("[\"message\"]", "[\"x\"]"));
    }

    @Test
    void formatNamesParse() {
        assertThat(Format.parse("ndjson")).isEqualTo(Format.JSONL);
        assertThat(Format.parse("l2t_csv")).isEqualTo(Format.L2TCSV);
        assertThat(Format.parse("zeek")).isEqualTo(Format.ZEEK);
    }
}
