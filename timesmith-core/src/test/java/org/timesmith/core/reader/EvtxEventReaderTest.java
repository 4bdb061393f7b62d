package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.reader.ReaderTestSupport.options;
import static org.timesmith.core.reader.ReaderTestSupport.readAll;
import static org.timesmith.core.reader.ReaderTestSupport.records;
import static org.timesmith.core.reader.ReaderTestSupport.rejections;
import static org.timesmith.core.reader.ReaderTestSupport.write;
import static org.timesmith.core.reader.evtx.EvtxTestEvents.data;
import static org.timesmith.core.reader.evtx.EvtxTestEvents.element;
import static org.timesmith.core.reader.evtx.EvtxTestEvents.system;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timesmith.core.event.Event;
import org.timesmith.core.normalize.Normalized;
import org.timesmith.core.normalize.Normalizer;
import org.timesmith.core.normalize.NormalizerOptions;
import org.timesmith.core.reader.WindowsEventXml.Element;
import org.timesmith.core.reader.evtx.EvtxTestEvents;
import org.timesmith.core.reader.evtx.EvtxTestFiles;
import org.timesmith.core.reader.evtx.EvtxWriter;
import org.timesmith.core.reader.evtx.EvtxWriter.Typed;

/**
 * The EVTX reader on files the test-side {@link EvtxWriter} makes from known events: every field the
 * record holds comes out under Sigma's and plaso's names with its value type, records stream across
 * chunks in order, and every kind of damage (truncation, checksums, bad records, absurd sizes, foreign
 * chunks, a file that is no event log) is a clear error or a counted rejection while the rest reads.
 */
class EvtxEventReaderTest {

    private static final Instant BASE = Instant.parse("2025-10-24T23:41:00.601559Z");

    @TempDir
    Path dir;

    private int written;

    @Test
    void recordsBecomeEventsWithSigmaAndPlasoNames() {
        Path file = evtx("three.evtx", EvtxTestEvents.mixed(3, BASE));
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(rejections(items)).isEmpty();
        List<SourceRecord> records = records(items);
        assertThat(records).extracting(SourceRecord::recordNumber).containsExactly(1L, 2L, 3L);

        Map<String, Object> sysmon = records.get(0).fields();
        assertThat(sysmon).containsEntry("EventID", 1L)
                .containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Provider_Name", "Microsoft-Windows-Sysmon")
                .containsEntry("Computer", "ws-0.corp.example")
                .containsEntry("Image", "C:\\Windows\\System32\\tool0.exe")
                .containsEntry("CommandLine", "tool0.exe /run 0")
                .containsEntry("ProcessGuid", "5AA13A44-0C90-68FC-BF1D-000000000000")
                .containsEntry("ProcessId", 1000L)
                .containsEntry("LogonId", "0x3e7")
                .containsEntry(Event.TIMESTAMP, ChronoUnit.MICROS.between(Instant.EPOCH, BASE))
                .containsEntry(Event.TIMESTAMP_DESC, "Creation Time")
                .containsEntry("data_type", "windows:evtx:record")
                .containsEntry("event_identifier", 1L)
                .containsEntry("event_level", 4L)
                .containsEntry("record_number", 1L)
                .containsEntry("source_name", "Microsoft-Windows-Sysmon")
                .containsEntry("computer_name", "ws-0.corp.example")
                .containsEntry("user_sid", "S-1-5-18")
                .containsEntry("provider_identifier", "5770385F-C22A-43E0-BF4C-06F5698FFBD9");
        assertThat((String) sysmon.get(Event.MESSAGE)).startsWith("[1] Source Name: Microsoft-Windows-Sysmon Strings: "
                + "['-', '2025-10-24 23:41:00.601559', '5AA13A44-0C90-68FC-BF1D-000000000000', '1000', ");
        String xml = (String) sysmon.get("xml_string");
        assertThat(xml).startsWith("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n  <System>\n")
                .contains("<Data Name=\"CommandLine\">tool0.exe /run 0</Data>")
                .contains("<TimeCreated SystemTime=\"2025-10-24T23:41:00.601559Z\"/>")
                .contains("<Correlation/>");
        assertThat(sysmon.keySet()).as("the XML holds the originals").noneMatch(name -> name.startsWith("Event."));
        assertThat(WindowsEventRecords.flattenXml(xml)).containsEntry("EventID", "1")
                .containsEntry("Event.System.Provider.#attributes.Guid", "5770385F-C22A-43E0-BF4C-06F5698FFBD9")
                .containsEntry("Event.System.TimeCreated.#attributes.SystemTime", "2025-10-24T23:41:00.601559Z")
                .containsEntry("Event.System.Keywords", "0x8000000000000000")
                .containsEntry("Event.System.Execution.#attributes.ProcessID", "3308")
                .containsEntry("Event.EventData.Image", "C:\\Windows\\System32\\tool0.exe");

        assertThat(records.get(1).fields()).containsEntry("EventID", 4624L).containsEntry("Channel", "Security")
                .containsEntry("TargetUserName", "alice").containsEntry("LogonType", 3L)
                .containsEntry("SubjectUserSid", "S-1-5-18").containsEntry("IpAddress", "10.0.0.7")
                .containsEntry(Event.TIMESTAMP, ChronoUnit.MICROS.between(Instant.EPOCH, BASE.plusSeconds(1)))
                .doesNotContainKey("user_sid");
        Map<String, Object> userData = records.get(2).fields();
        assertThat(userData).containsEntry("EventID", 11L).containsEntry("ProcessName", "svchost.exe")
                .containsEntry("strings", List.of("svchost.exe", "OK"));
        assertThat(WindowsEventRecords.flattenXml((String) userData.get("xml_string")))
                .containsEntry("Event.UserData.CertGetCertificateChain.Certificate.#attributes.subjectName",
                        "www.example.org")
                .containsEntry("Event.UserData.CertGetCertificateChain.Result.#text", "OK");
    }

    @Test
    void everyValueTypeIsDecodedAsEvtxDumpersRenderIt() {
        Element event = element("Event", Map.of("xmlns", EvtxTestEvents.XMLNS),
                system("Test", "00000000-0000-0000-0000-000000000001", 7, BASE, 1, "Test/Types", "HOST", "S-1-5-18"),
                element("EventData",
                        data("Int8", new Typed(0x03, -5)),
                        data("UInt8", new Typed(0x04, 200)),
                        data("Int16", new Typed(0x05, -300)),
                        data("UInt16", new Typed(0x06, 60000)),
                        data("Int32", new Typed(0x07, -70000)),
                        data("UInt32", new Typed(0x08, (int) 4_000_000_000L)),
                        data("Int64", new Typed(0x09, -5_000_000_000_000L)),
                        data("UInt64", new Typed(0x0A, -1L)),
                        data("Real32", new Typed(0x0B, 1.5)),
                        data("Real64", new Typed(0x0C, 2.25)),
                        data("Bool", new Typed(0x0D, true)),
                        data("Binary", new Typed(0x0E, "DEADBEEF")),
                        data("Guid", new Typed(0x0F, "54849625-5478-4994-a5ba-3e3b0328c30d")),
                        data("SizeT", new Typed(0x10, 4096L)),
                        data("FileTime", new Typed(0x11, "2024-05-06T07:08:09.123456Z")),
                        data("SystemTime", new Typed(0x12, "2024-05-06T07:08:09.123Z")),
                        data("Sid", new Typed(0x13, "S-1-5-21-1223297778-3299746493-1462173606-500")),
                        data("Hex32", new Typed(0x14, "0x1f")),
                        data("Hex64", new Typed(0x15, "0xfedcba9876543210")),
                        data("Ansi", new Typed(0x02, "caf\u00e9")),
                        data("Empty", ""),
                        data("Missing", null),
                        data("Tags", new Typed(0x81, List.of("first", "second"))),
                        data("Ports", new Typed(0x86, List.of(80, 443))),
                        data("NoPorts", new Typed(0x86, List.of()))),
                element("UserData", new Typed(0x21, element("Payload", Map.of("kind", "nested"),
                        element("Leaf", "inside"), element("Count", new Typed(0x08, 3))))));
        Path file = evtx("types.evtx", List.of(event));
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(rejections(items)).isEmpty();
        Map<String, Object> fields = records(items).getFirst().fields();
        assertThat(fields).containsEntry("Int8", -5L).containsEntry("UInt8", 200L).containsEntry("Int16", -300L)
                .containsEntry("UInt16", 60000L).containsEntry("Int32", -70000L).containsEntry("UInt32", 4_000_000_000L)
                .containsEntry("Int64", -5_000_000_000_000L).containsEntry("UInt64", new BigInteger("18446744073709551615"))
                .containsEntry("Real32", 1.5).containsEntry("Real64", 2.25).containsEntry("Bool", true)
                .containsEntry("Binary", "DEADBEEF").containsEntry("Guid", "54849625-5478-4994-A5BA-3E3B0328C30D")
                .containsEntry("SizeT", "0x1000").containsEntry("FileTime", "2024-05-06T07:08:09.123456Z")
                .containsEntry("SystemTime", "2024-05-06T07:08:09.123000Z")
                .containsEntry("Sid", "S-1-5-21-1223297778-3299746493-1462173606-500")
                .containsEntry("Hex32", "0x1f").containsEntry("Hex64", "0xfedcba9876543210")
                .containsEntry("Ansi", "caf\u00e9").containsEntry("Empty", "").containsEntry("Missing", null)
                .containsEntry("Tags", "first").containsEntry("Tags_1", "second")
                .containsEntry("Ports", 80L).containsEntry("Ports_1", 443L).containsEntry("NoPorts", null)
                .containsEntry("Leaf", "inside").containsEntry("Count", 3L);
        assertThat((String) fields.get("xml_string")).contains("<Data Name=\"Tags\">first</Data>\n    <Data Name=\"Tags\">second</Data>")
                .contains("<Data Name=\"Missing\"/>").contains("<Payload kind=\"nested\">\n      <Leaf>inside</Leaf>");
    }

    @Test
    void manyRecordsStreamAcrossChunksInOrderAndNormalise() throws IOException {
        Path file = evtx("many.evtx", EvtxTestEvents.mixed(3000, BASE));
        assertThat(Files.size(file)).isGreaterThan(4096 + 3L * 65536);
        Normalizer normalizer = new Normalizer(NormalizerOptions.defaults("evtx-test", 1));
        try (EventReader reader = Readers.open(file, options(file))) {
            long expected = 0;
            while (reader.hasNext()) {
                SourceRecord record = (SourceRecord) reader.next();
                assertThat(record.recordNumber()).isEqualTo(++expected);
                assertThat(record.fields()).containsEntry("record_number", expected);
                Normalized normalized = normalizer.normalize(record);
                assertThat(normalized).isInstanceOf(Normalized.Accepted.class);
                assertThat(((Normalized.Accepted) normalized).event().timestamp())
                        .isEqualTo(record.fields().get(Event.TIMESTAMP));
            }
            assertThat(expected).isEqualTo(3000);
            assertThat(reader.bytesRead()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void evtxIsDetectedByItsSignatureAndNamedByItsExtension() {
        Path file = evtx("renamed.log", EvtxTestEvents.mixed(1, BASE));
        assertThat(Readers.detect(file)).isEqualTo(EvtxEventReader.FORMAT);
        assertThat(Readers.formatOfExtension("EVTX")).contains(EvtxEventReader.FORMAT);
        assertThat(Format.parse("evtx")).isEqualTo(EvtxEventReader.FORMAT);
        assertThat(Readers.formatNames()).contains("evtx");
    }

    @Test
    void aFileThatIsNoEventLogIsAClearError() {
        Path text = write(dir, "notes.evtx", "message,datetime\nhello,2024-01-01T00:00:00Z\n");
        assertThatThrownBy(() -> Readers.open(text, options(text, EvtxEventReader.FORMAT)))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("notes.evtx: not a Windows event log (.evtx): it does not start with the ElfFile signature");
        byte[] noise = new byte[8192];
        new Random(7).nextBytes(noise);
        Path garbage = write(dir, "garbage.evtx", noise);
        assertThatThrownBy(() -> Readers.open(garbage, options(garbage)))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("garbage.evtx: not a supported timeline format (binary content; expected")
                .hasMessageContaining("EVTX");
    }

    @Test
    void aTruncatedHeaderOrUnsupportedVersionIsAClearError() throws IOException {
        byte[] bytes = bytes(EvtxTestEvents.mixed(1, BASE));
        Path cut = write(dir, "cut.evtx", Arrays.copyOf(bytes, 100));
        assertThatThrownBy(() -> Readers.open(cut, options(cut)))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("cut.evtx: the Windows event log is truncated: 100 bytes, shorter than its 4096-byte file header");
        byte[] version2 = bytes.clone();
        EvtxTestFiles.le(version2).putShort(38, (short) 2);
        Path old = write(dir, "old.evtx", version2);
        assertThatThrownBy(() -> Readers.open(old, options(old)))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("old.evtx: EVTX format version 2.1 is not supported (only 3.x)");
    }

    @Test
    void aTruncatedChunkIsReportedAndTheChunksBeforeItImport() throws IOException {
        byte[] bytes = bytes(EvtxTestEvents.mixed(600, BASE));
        int inFirst = EvtxTestFiles.recordCount(bytes, 0);
        int inSecond = EvtxTestFiles.recordCount(bytes, 1);
        Path cut = write(dir, "cut.evtx", Arrays.copyOf(bytes, EvtxTestFiles.chunkOffset(1) + 30_000));
        List<ReadItem> items = readAll(Readers.open(cut, options(cut)));
        assertThat(records(items)).hasSize(inFirst);
        assertThat(rejections(items)).singleElement().extracting(Rejection::describe).isEqualTo("cut.evtx record "
                + (inFirst + 1) + ": chunk 1 is truncated: 30000 of 65536 bytes; its " + inSecond + " records (ids "
                + (inFirst + 1) + "–" + (inFirst + inSecond) + " by its header) are skipped");
    }

    @Test
    void aChunkFailingItsChecksumsIsSkippedAndReportedWhileTheOthersImport() throws IOException {
        byte[] bytes = bytes(EvtxTestEvents.mixed(1500, BASE));
        int total = 1500;
        int inSecond = EvtxTestFiles.recordCount(bytes, 1);
        bytes[EvtxTestFiles.recordOffset(bytes, 1, 3) + 40] ^= 0x55;
        bytes[EvtxTestFiles.chunkOffset(2) + 60] ^= 0x01;
        int inThird = EvtxTestFiles.recordCount(bytes, 2);
        Path damaged = write(dir, "damaged.evtx", bytes);
        List<ReadItem> items = readAll(Readers.open(damaged, options(damaged)));
        assertThat(records(items)).hasSize(total - inSecond - inThird);
        assertThat(rejections(items)).extracting(Rejection::reason).satisfiesExactly(
                reason -> assertThat(reason).startsWith("chunk 1 records checksum mismatch (stored 0x")
                        .endsWith("; its " + inSecond + " records (ids " + (EvtxTestFiles.recordCount(bytes, 0) + 1)
                                + "–" + (EvtxTestFiles.recordCount(bytes, 0) + inSecond) + " by its header) are skipped"),
                reason -> assertThat(reason).startsWith("chunk 2 header checksum mismatch"));
        assertThat(items).hasSize(total - inSecond - inThird + 2);
    }

    @Test
    void aBrokenRecordIsRejectedAndTheNextRecordsRead() throws IOException {
        byte[] bytes = bytes(EvtxTestEvents.mixed(30, BASE));
        int third = EvtxTestFiles.recordOffset(bytes, 0, 2);
        bytes[third + 28] = 0x77;
        EvtxTestFiles.fixChecksums(bytes, 0);
        Path broken = write(dir, "broken.evtx", bytes);
        List<ReadItem> items = readAll(Readers.open(broken, options(broken)));
        assertThat(records(items)).hasSize(29);
        assertThat(rejections(items)).singleElement().satisfies(rejection -> {
            assertThat(rejection.recordNumber()).isEqualTo(3);
            assertThat(rejection.reason()).isEqualTo("chunk 0 offset 0x" + Integer.toHexString(third - 4096)
                    + ": record 3: unknown Binary XML token 0x77 at chunk offset 0x" + Integer.toHexString(third + 28 - 4096));
        });
    }

    @Test
    void absurdSizesAreRejectedWithoutReadingPastTheChunk() throws IOException {
        byte[] bytes = bytes(EvtxTestEvents.mixed(30, BASE));
        int second = EvtxTestFiles.recordOffset(bytes, 0, 1);
        int fifth = EvtxTestFiles.recordOffset(bytes, 0, 4);
        EvtxTestFiles.le(bytes).putInt(second + 4, 0x7FFF_FFF0);
        // the first record defines the Sysmon template inline: its data size is at record + 58
        EvtxTestFiles.le(bytes).putInt(EvtxTestFiles.recordOffset(bytes, 0, 0) + 58, 0x7FFF_FFFF);
        EvtxTestFiles.le(bytes).putInt(fifth + 4, 8);
        EvtxTestFiles.fixChecksums(bytes, 0);
        Path absurd = write(dir, "absurd.evtx", bytes);
        List<ReadItem> items = readAll(Readers.open(absurd, options(absurd)));
        List<String> reasons = rejections(items).stream().map(Rejection::reason).toList();
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("record size 2147483632 does not fit the chunk"))
                .anySatisfy(reason -> assertThat(reason).contains("record size 8 does not fit the chunk"))
                .anySatisfy(reason -> assertThat(reason).contains("template definition of 2147483647 bytes"));
        // the ten Sysmon records (1, 4, 7 …) use the damaged template; the second and fifth are skipped
        assertThat(records(items)).extracting(r -> r.fields().get("EventID")).doesNotContain(1L);
        assertThat(records(items)).hasSize(30 - 10 - 2);
        assertThat(rejections(items)).hasSize(12);
    }

    @Test
    void elementsNestedTooDeepAreARejectionNotAStackOverflow() {
        Element deep = element("Leaf", "bottom");
        for (int i = 0; i < 70; i++) {
            deep = element("Level" + i, deep);
        }
        Element event = element("Event", system("Test", "00000000-0000-0000-0000-000000000001", 7, BASE, 1,
                "Test", "HOST", null), element("UserData", deep));
        Path file = evtx("deep.evtx", List.of(event, EvtxTestEvents.securityLogon(2, BASE)));
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(records(items)).singleElement().satisfies(r -> assertThat(r.fields()).containsEntry("EventID", 4624L));
        assertThat(rejections(items)).singleElement().extracting(Rejection::reason).asString()
                .contains("record 1: elements nested more than 64 deep");
    }

    @Test
    void foreignChunksAreOneRejectionAndUnusedChunksNone() throws IOException {
        byte[] bytes = bytes(EvtxTestEvents.mixed(10, BASE));
        byte[] noise = new byte[2 * 65536];
        new Random(3).nextBytes(noise);
        byte[] withTail = new byte[bytes.length + 65536 + noise.length];
        System.arraycopy(bytes, 0, withTail, 0, bytes.length);
        System.arraycopy(noise, 0, withTail, bytes.length + 65536, noise.length);
        Path tail = write(dir, "tail.evtx", withTail);
        List<ReadItem> items = readAll(Readers.open(tail, options(tail)));
        assertThat(records(items)).hasSize(10);
        assertThat(rejections(items)).singleElement().extracting(Rejection::reason)
                .isEqualTo("chunks 2–3 (128 KiB) have no ElfChnk signature and hold no readable records; skipped");
    }

    @Test
    void aRecordWithoutSignatureIsSkippedToTheNextRecord() throws IOException {
        byte[] bytes = bytes(EvtxTestEvents.mixed(12, BASE));
        int fourth = EvtxTestFiles.recordOffset(bytes, 0, 3);
        int fifth = EvtxTestFiles.recordOffset(bytes, 0, 4);
        bytes[fourth] = 0;
        EvtxTestFiles.fixChecksums(bytes, 0);
        Path file = write(dir, "resync.evtx", bytes);
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        assertThat(records(items)).hasSize(11);
        assertThat(rejections(items)).singleElement().extracting(Rejection::reason).isEqualTo("chunk 0 offset 0x"
                + Integer.toHexString(fourth - 4096) + ": no event record signature; " + (fifth - fourth)
                + " bytes up to the next record are skipped");
        assertThat(records(items)).extracting(r -> r.fields().get("record_number"))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 12).filter(n -> n != 4).boxed().toList());
    }

    private Path evtx(String name, List<Element> events) {
        Path file = dir.resolve(name);
        EvtxWriter.write(file, events, BASE);
        return file;
    }

    private byte[] bytes(List<Element> events) throws IOException {
        return Files.readAllBytes(evtx("source-" + ++written + ".evtx", events));
    }
}
