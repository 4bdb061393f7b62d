package org.timesmith.core.reader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timesmith.core.event.Event;
import org.timesmith.core.normalize.PythonFormat;
import org.timesmith.core.reader.WindowsEventXml.Element;
import org.timesmith.core.reader.evtx.ChunkItem;
import org.timesmith.core.reader.evtx.EvtxChunk;
import org.timesmith.core.reader.evtx.EvtxFile;
import org.timesmith.core.reader.evtx.EvtxFormatException;

/**
 * Reads a Windows XML Event Log ({@code .evtx}) directly, one 64 KiB chunk at a time, so investigators
 * can drop the files they collect without running plaso or an export tool first. Each record becomes
 * the event {@link WindowsEventRecords} makes of evtx JSON (Sigma's {@code EventID}, {@code Channel},
 * {@code Provider_Name}, {@code Computer}, the {@code EventData} and {@code UserData} names; the record's
 * XML in {@code xml_string} instead of the dotted originals, as plaso keeps it), with
 * plaso's {@code windows:evtx:record} data type and names ({@code event_identifier}, {@code
 * source_name}, {@code strings}, {@code xml_string} …) so analyzers written for plaso's events work on
 * it too. A chunk that fails its checksums and a record that breaks the format are {@link Rejection}s
 * saying what was skipped; the rest of the file still imports.
 */
public final class EvtxEventReader extends AbstractEventReader {

    static final Format FORMAT = new Format("EVTX");
    /** Plaso's description of an EVTX record's {@code TimeCreated}, so both paths sort and chart alike. */
    static final String CREATION_TIME = "Creation Time";
    /** When a record has no {@code TimeCreated}: the time its header says it was written, described as plaso describes it. */
    static final String WRITTEN_TIME = "Content Modification Time";
    static final String DATA_TYPE = "windows:evtx:record";

    private final EvtxFile file;
    private EvtxChunk chunk;
    private long items;
    /** The first of a run of chunks without signature not reported yet, or -1. */
    private int foreignFrom = -1;
    private int foreignTo = -1;
    /** Rejections to hand out before reading on. */
    private final Deque<ReadItem> pending = new ArrayDeque<>();

    private EvtxEventReader(EvtxFile file) {
        super(file.sourceName());
        this.file = file;
    }

    /** Opens the file and checks its header. */
    public static EvtxEventReader open(Path path, String sourceName) {
        try {
            return new EvtxEventReader(EvtxFile.open(path, sourceName));
        } catch (IOException e) {
            throw new InputFormatException(sourceName + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    @Override
    protected ReadItem fetch() throws IOException {
        while (true) {
            if (!pending.isEmpty()) {
                return pending.poll();
            }
            if (chunk != null) {
                Optional<ChunkItem> item = chunk.next();
                if (item.isPresent()) {
                    return item(item.get());
                }
                chunk = null;
            }
            int length = file.nextChunk();
            if (length >= 0 && !EvtxChunk.hasSignature(file.chunkBytes(), length)) {
                foreignFrom = foreignFrom < 0 ? file.chunkIndex() : foreignFrom;
                foreignTo = file.chunkIndex();
                continue;
            }
            if (foreignFrom >= 0) {
                pending.add(foreignChunks());
            }
            if (length < 0) {
                return pending.poll();
            }
            try {
                chunk = EvtxChunk.open(file.chunkBytes(), length, file.chunkIndex());
            } catch (EvtxFormatException e) {
                pending.add(Rejection.of(sourceName, ++items, 0, e.getMessage()));
            }
        }
    }

    /**
     * One rejection for a run of chunks without the chunk signature (data after the log's end, or
     * overwritten space), rather than one per chunk.
     */
    private ReadItem foreignChunks() {
        String which = foreignFrom == foreignTo ? "chunk " + foreignFrom : "chunks " + foreignFrom + "–" + foreignTo;
        int kib = (foreignTo - foreignFrom + 1) * (EvtxChunk.SIZE / 1024);
        foreignFrom = -1;
        return Rejection.of(sourceName, ++items, 0, which + " (" + kib
                + " KiB) have no ElfChnk signature and hold no readable records; skipped");
    }

    private ReadItem item(ChunkItem item) {
        long number = ++items;
        return switch (item) {
            case ChunkItem.Damaged damaged -> Rejection.of(sourceName, number, 0, damaged.reason());
            case ChunkItem.Event event -> {
                try {
                    yield new SourceRecord(number, 0, fields(event.root(), event.recordId(), event.writtenMicros()));
                } catch (IllegalArgumentException e) {
                    yield Rejection.of(sourceName, number, 0, "record " + event.recordId() + ": " + e.getMessage());
                }
            }
        };
    }

    /**
     * The event of one record: the flattened Sigma fields, then the timestamp, plaso's names, the
     * message and the XML.
     *
     * @throws IllegalArgumentException when the record is no Windows event (no {@code System} element)
     */
    static Map<String, Object> fields(Element root, long recordId, long writtenMicros) {
        Map<String, Object> fields = new LinkedHashMap<>(WindowsEventRecords.sigmaFields(root));
        Element system = root.child("System");
        Optional<Long> created = created(system);
        fields.put(Event.TIMESTAMP, created.orElse(writtenMicros));
        fields.put(Event.TIMESTAMP_DESC, created.isPresent() ? CREATION_TIME : WRITTEN_TIME);
        fields.put("data_type", DATA_TYPE);
        Object eventId = fields.get("EventID");
        Object provider = fields.get("Provider_Name");
        List<String> strings = WindowsEventXml.strings(root);
        putIfPresent(fields, "event_identifier", eventId);
        putIfPresent(fields, "event_level", value(system, "Level"));
        putIfPresent(fields, "event_version", value(system, "Version"));
        fields.putIfAbsent("record_number", Optional.ofNullable(value(system, "EventRecordID")).orElse(recordId));
        Object eventSourceName = attribute(system, "Provider", "EventSourceName");
        putIfPresent(fields, "source_name", eventSourceName != null ? eventSourceName : provider);
        putIfPresent(fields, "computer_name", fields.get("Computer"));
        putIfPresent(fields, "provider_identifier", attribute(system, "Provider", "Guid"));
        putIfPresent(fields, "user_sid", attribute(system, "Security", "UserID"));
        fields.putIfAbsent("strings", strings);
        fields.put(Event.MESSAGE, message(eventId, fields.get("source_name"), strings));
        fields.put("xml_string", WindowsEventXml.toXml(root));
        return fields;
    }

    /** Plaso's {@code windows:evtx:record} message: {@code [4624] Source Name: … Strings: ['…', …]}. */
    private static String message(Object eventId, Object provider, List<String> strings) {
        StringBuilder message = new StringBuilder();
        if (eventId != null) {
            message.append('[').append(eventId).append(']');
        }
        if (provider != null) {
            message.append(message.isEmpty() ? "" : " ").append("Source Name: ").append(provider);
        }
        if (!strings.isEmpty()) {
            message.append(message.isEmpty() ? "" : " ").append("Strings: ").append(PythonFormat.repr(strings));
        }
        return message.toString();
    }

    private static Optional<Long> created(Element system) {
        if (attribute(system, "TimeCreated", "SystemTime") instanceof String time) {
            try {
                return Optional.of(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(time)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Object value(Element parent, String name) {
        Element child = parent == null ? null : parent.child(name);
        return child == null ? null : child.value();
    }

    private static Object attribute(Element parent, String name, String attribute) {
        Element child = parent == null ? null : parent.child(name);
        return child == null ? null : child.attributes().get(attribute);
    }

    private static void putIfPresent(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.putIfAbsent(name, value);
        }
    }

    @Override
    protected String position() {
        return "chunk " + Math.max(0, file.chunkIndex());
    }

    @Override
    public long bytesRead() {
        return file.position();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** Registers the format: recognised by the {@code ElfFile} signature, named by {@code .evtx} uploads. */
    public static final class Provider implements ReaderProvider {

        @Override
        public ReaderInfo info() {
            return ReaderInfo.binary(FORMAT, "EVTX", "a Windows event log (.evtx)", 40, Container.EVTX)
                    .withAliases("WINEVTX", "WINDOWS_EVTX").withExtensions("evtx");
        }

        @Override
        public boolean recognises(FileHead head) {
            return head.startsWith(EvtxFile.SIGNATURE);
        }

        @Override
        public EventReader open(Path file, ReaderOptions options) {
            return EvtxEventReader.open(file, options.sourceName());
        }
    }
}
