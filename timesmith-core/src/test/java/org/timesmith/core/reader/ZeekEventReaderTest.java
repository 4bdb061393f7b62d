package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.reader.ReaderTestSupport.fixture;
import static org.timesmith.core.reader.ReaderTestSupport.gzip;
import static org.timesmith.core.reader.ReaderTestSupport.options;
import static org.timesmith.core.reader.ReaderTestSupport.readAll;
import static org.timesmith.core.reader.ReaderTestSupport.records;
import static org.timesmith.core.reader.ReaderTestSupport.rejections;
import static org.timesmith.core.reader.ReaderTestSupport.write;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZeekEventReaderTest {

    private static final String DAY = "zeek/rita_missing_host/2024-04-19/";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} has {1} records")
    @CsvSource({"conn, 1765", "dns, 86", "http, 192", "ssl, 2", "ssh, 389", "ntp, 4"})
    void readsRealGzippedLogsOfEveryType(String path, int count) throws Exception {
        Path file = fixture(DAY + path + ".00:00:00-01:00:00.log.gz");
        assertThat(Readers.detect(file)).isEqualTo(Format.ZEEK);
        EventReader reader = Readers.open(file, options(file));
        List<ReadItem> items = readAll(reader);
        assertThat(rejections(items)).isEmpty();
        assertThat(records(items)).hasSize(count).allSatisfy(r -> assertThat(r.fields())
                .containsEntry("data_type", "zeek:" + path)
                .containsKeys("timestamp", "datetime", "timestamp_desc", "message", "uid", "id.orig_h")
                .doesNotContainKey("ts"));
        assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
    }

    @Test
    void everyZeekFixtureReadsWithoutRejectionsAndOneRecordPerDataLine() throws IOException {
        Path root = fixture("zeek/rita_missing_host/README.upstream").getParent();
        List<Path> logs;
        try (Stream<Path> files = Files.walk(root)) {
            logs = files.filter(f -> f.toString().endsWith(".log.gz")).sorted().toList();
        }
        assertThat(logs).hasSizeGreaterThan(100);
        long total = 0;
        for (Path log : logs) {
            long dataLines;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(log)), StandardCharsets.UTF_8))) {
                dataLines = lines.lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).count();
            }
            List<ReadItem> items = readAll(Readers.open(log, options(log)));
            assertThat(rejections(items)).as(log.toString()).isEmpty();
            assertThat(items).as(log.toString()).hasSize((int) dataLines);
            total += dataLines;
        }
        System.out.println("Zeek fixtures: " + logs.size() + " logs, " + total + " records");
    }

    @Test
    void decodesAConnRecordWithTypesAndExactTime() {
        Path file = fixture(DAY + "conn.00:00:00-01:00:00.log.gz");
        SourceRecord first = records(readAll(Readers.open(file, options(file)))).getFirst();
        // worker-eth0-1 1713484795.943239 CYl7H53iN6mY9NyXJ8 167.94.138.145 25320 64.225.56.201 6008 tcp -
        // 0.000064 0 0 REJ F T 0 Sr 1 60 1 40 -
        assertThat(first.line()).isEqualTo(9);
        assertThat(first.fields())
                .containsEntry("timestamp", 1713484795943239L)
                .containsEntry("datetime", "2024-04-18T23:59:55.943239+00:00")
                .containsEntry("timestamp_desc", "Connection Start")
                .containsEntry("_node_name", "worker-eth0-1")
                .containsEntry("id.orig_h", "167.94.138.145")
                .containsEntry("id.orig_p", 25320L)
                .containsEntry("id.resp_p", 6008L)
                .containsEntry("proto", "tcp")
                .containsEntry("duration", 0.000064)
                .containsEntry("orig_bytes", 0L)
                .containsEntry("conn_state", "REJ")
                .containsEntry("local_orig", false)
                .containsEntry("local_resp", true)
                .containsEntry("history", "Sr")
                .doesNotContainKeys("service", "tunnel_parents")
                .containsEntry("message",
                        "167.94.138.145:25320 -> 64.225.56.201:6008 tcp REJ duration 0.000064 bytes 0/0");
    }

    @Test
    void decodesDnsHttpSslSshAndNtpMessages() {
        SourceRecord dns = firstWith("dns", "rcode_name", "NOERROR");
        assertThat(dns.fields())
                .containsEntry("answers", List.of("45-33-87-154.ip.linodeusercontent.com"))
                .containsEntry("TTLs", List.of(86400.0))
                .containsEntry("RD", true)
                .containsEntry("message", "64.225.56.201:39649 -> 67.207.67.2:53 DNS PTR 154.87.33.45.in-addr.arpa "
                        + "NOERROR answers 45-33-87-154.ip.linodeusercontent.com");

        SourceRecord http = records(readAll(open("http"))).getFirst();
        assertThat(http.fields())
                .containsEntry("tags", List.of())
                .containsEntry("status_code", 200L)
                .containsEntry("proxied", List.of("X-FORWARDED-FOR -> 38.154.224.126"))
                .containsEntry("resp_mime_types", List.of("text/html"))
                .containsEntry("message", "172.70.114.135:15696 -> 64.225.56.201:80 HTTP GET rewards.fomocoin.app/ 200 OK");

        SourceRecord ssl = records(readAll(open("ssl"))).getFirst();
        assertThat(ssl.fields()).containsEntry("message",
                "162.142.125.252:24075 -> 64.225.56.201:40367 TLS server_name 127.0.0.1 established false");

        SourceRecord ssh = records(readAll(open("ssh"))).get(1);
        assertThat(ssh.fields()).containsEntry("auth_success", false).containsEntry("auth_attempts", 1L)
                .containsEntry("message", "85.209.11.254:53106 -> 64.225.56.201:22 SSH client SSH-2.0-libssh_0.10.5 "
                        + "server SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.11 auth_success false auth_attempts 1");

        SourceRecord ntp = records(readAll(open("ntp"))).get(1);
        assertThat(ntp.fields())
                .containsEntry("ref_time", "2024-04-18T23:57:45.205269+00:00")
                .containsEntry("ref_id", "132.163.96.1")
                .containsEntry("message", "64.225.56.201:42477 -> 91.189.91.157:123 NTP version 4 mode 4 stratum 2");
    }

    @Test
    void customSeparatorsEmptyAndUnsetValuesAndGenericMessage() {
        String log = String.join("\n",
                "#separator \\x7c",
                "#set_separator|;",
                "#empty_field|EMPTY",
                "#unset_field|NONE",
                "#path|weird",
                "#fields|ts|name|tags|count|ratio|addr6|when",
                "#types|time|string|set[string]|count|double|addr|time",
                "1700000000.000001|alice|a;b|3|0.25|fe80::1|1700000001.5",
                "1700000000.1|EMPTY|EMPTY|NONE|NONE|::1|NONE",
                "1700000000.2|bad|x|notanumber|1|::1|NONE",
                "1700000000.3|too|few",
                "NONE|nots|x|1|1|::1|NONE",
                "#close|2024");
        Path file = write(dir, "weird.log", log);
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        List<SourceRecord> records = records(items);
        assertThat(records).hasSize(2);
        assertThat(records.getFirst().fields())
                .containsEntry("timestamp", 1700000000000001L)
                .containsEntry("tags", List.of("a", "b"))
                .containsEntry("count", 3L)
                .containsEntry("when", "2023-11-14T22:13:21.500000+00:00")
                .containsEntry("data_type", "zeek:weird")
                .containsEntry("timestamp_desc", "Event Recorded")
                .containsEntry("message", "name=alice tags=a,b count=3 ratio=0.25 addr6=fe80::1 "
                        + "when=2023-11-14T22:13:21.500000+00:00");
        assertThat(records.get(1).fields())
                .containsEntry("timestamp", 1700000000100000L)
                .containsEntry("name", "")
                .containsEntry("tags", List.of())
                .doesNotContainKeys("count", "ratio", "when");
        assertThat(rejections(items)).extracting(Rejection::line, r -> r.field().orElse(""), Rejection::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(10L, "count", "'notanumber' is not a valid count"),
                        org.assertj.core.groups.Tuple.tuple(11L, "", "has 3 values but #fields lists 7"),
                        org.assertj.core.groups.Tuple.tuple(12L, "ts", "the record has no ts"));
    }

    @Test
    void timestampIsParsedFromTheDecimalTextWithoutDoubleRounding() {
        assertThat(ZeekEventReader.micros("1713484795.943239")).isEqualTo(1713484795943239L);
        assertThat(ZeekEventReader.micros("1713484795.9432395")).isEqualTo(1713484795943240L);
        assertThat(ZeekEventReader.micros("0.000001")).isEqualTo(1L);
        assertThat(ZeekEventReader.micros("-1.5")).isEqualTo(-1500000L);
    }

    @Test
    void dataBeforeAnyFieldsHeaderIsAWholeInputError() {
        Path file = write(dir, "notzeek.log", "#separator \\x09\n1700000000.0\tfoo\n");
        assertThatThrownBy(() -> readAll(Readers.open(file, options(file))))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("notzeek.log: line 2 has data before any #fields header; not a Zeek ASCII log");
    }

    @Test
    void anEmptySeparatorIsAWholeInputError() {
        // found by the reader fuzzer (FuzzReaders): it was a StringIndexOutOfBoundsException
        Path file = write(dir, "empty.log", "#separator \n#fields\tts\n");
        assertThatThrownBy(() -> readAll(Readers.open(file, options(file))))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("empty.log: line 1: #separator names no separator");
    }

    @Test
    void concatenatedLogsWithNewHeadersAreReadWithEachHeader() {
        String one = "#separator \\x09\n#path\tdns\n#fields\tts\tquery\n#types\ttime\tstring\n1.0\ta.example\n";
        String two = "#separator \\x09\n#path\tweird\n#fields\tts\tname\tn\n#types\ttime\tstring\tint\n2.0\tx\t-4\n";
        Path file = write(dir, "both.log.gz", gzip((one + two).getBytes(StandardCharsets.UTF_8)));
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records).extracting(r -> r.fields().get("data_type")).containsExactly("zeek:dns", "zeek:weird");
        assertThat(records.get(1).fields()).containsEntry("n", -4L);
    }

    @Test
    void emptyFileIsAnError() {
        Path file = write(dir, "conn.log", "");
        assertThatThrownBy(() -> ZeekEventReader.open(file, options(file, Format.ZEEK)))
                .isInstanceOf(InputFormatException.class).hasMessageContaining("conn.log: the file is empty");
    }

    @Test
    void zeekJsonLogsReadThroughTheJsonLinesReader() {
        Path file = write(dir, "conn.json.log", """
                {"ts":1713484795.943239,"uid":"CYl7H53iN6mY9NyXJ8","id.orig_h":"167.94.138.145","id.orig_p":25320}
                {"ts":1713484799.565772,"uid":"CNXhaRVWJ4tds4JM3","id.orig_h":"120.245.134.197","id.orig_p":1451}
                """);
        assertThat(Readers.detect(file)).isEqualTo(Format.JSONL);
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records).hasSize(2);
        assertThat(records.getFirst().fields()).containsEntry("id.orig_p", 25320L)
                .containsEntry("ts", 1713484795.943239);
    }

    private EventReader open(String path) {
        Path file = fixture(DAY + path + ".00:00:00-01:00:00.log.gz");
        return Readers.open(file, options(file));
    }

    private SourceRecord firstWith(String path, String field, Object value) {
        return records(readAll(open(path))).stream()
                .filter(r -> value.equals(r.fields().get(field)))
                .findFirst().orElseThrow();
    }

}
