package org.timesmith.core.reader.plaso;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.sqlite.SQLiteConfig;
import org.timesmith.core.normalize.PythonFormat;
import org.timesmith.core.reader.InputFormatException;
import tools.jackson.core.JacksonException;

/**
 * One open plaso storage file (SQLite, read-only): validates the container, the {@code metadata}
 * table and the tables and columns the reader needs, discovering the schema at run time so that
 * later formats with extra tables or columns read as they are. Looks up event data and event data
 * streams by identifier; both link schemes are understood ({@code "event_data.N"} text links since
 * format 20221023, integer {@code _row_identifier} columns in formats 20210621–20220716).
 */
final class PlasoStorage implements AutoCloseable {

    static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /**
     * Decoded event data kept for reuse. Events are read in timestamp order, and the events of one
     * event data row (an EVTX record's creation and written time, a file's MACB times) mostly sit
     * close together in that order, so a small LRU cache saves most re-reads and re-inflations
     * while memory stays bounded by the cache size, not the file size. A join of event and
     * event_data would instead push every (compressed) blob through SQLite's sorter and inflate
     * each one once per event.
     */
    private static final int EVENT_DATA_CACHE_SIZE = 1024;
    private static final int STREAM_CACHE_SIZE = 64;

    private final Path file;
    private final Connection connection;
    private final int formatVersion;
    private final boolean zlib;
    private final Map<String, List<String>> columns;
    private final PlasoValues values = new PlasoValues();
    private final String eventLinkColumn;
    private final Optional<String> tagLinkColumn;
    private final PreparedStatement eventDataQuery;
    private final Optional<PreparedStatement> streamQuery;
    private final Map<Long, Map<String, Object>> eventDataCache = new Lru<>(EVENT_DATA_CACHE_SIZE);
    private final Map<Long, Map<String, Object>> streamCache = new Lru<>(STREAM_CACHE_SIZE);

    /** A link, a row or a value of one event could not be read; the event is rejected, reading goes on. */
    static final class RecordException extends Exception {
        private final String field;

        RecordException(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private PlasoStorage(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.columns = discoverColumns(connection);
        if (!columns.containsKey("metadata")) {
            throw fail("an SQLite database without plaso's metadata table, so not a plaso storage file");
        }
        Map<String, String> metadata = readMetadata();
        this.formatVersion = parseFormatVersion(metadata.get("format_version"));
        String serialization = metadata.getOrDefault("serialization_format", "json");
        if (!serialization.equals("json")) {
            throw fail("metadata serialization_format is '" + serialization + "'; plaso only writes json");
        }
        String compression = metadata.getOrDefault("compression_format", "zlib");
        if (!compression.equals("zlib") && !compression.equals("none")) {
            throw fail("metadata compression_format is '" + compression + "'; expected zlib or none");
        }
        this.zlib = compression.equals("zlib");

        List<String> eventColumns = requireTable("event");
        if (!eventColumns.contains("timestamp") && eventColumns.contains("_data")) {
            throw fail("format " + formatVersion + " stores events as JSON blobs (plaso 20210606 or older); "
                    + "only formats 20210621 and later are read");
        }
        requireColumns("event", eventColumns, "_identifier", "timestamp", "timestamp_desc");
        this.eventLinkColumn = firstPresent("event", eventColumns, "_event_data_identifier", "_event_data_row_identifier");
        requireColumns("event_data", requireTable("event_data"), "_identifier", "_data");
        this.tagLinkColumn = columns.containsKey("event_tag")
                ? Optional.of(tagLink(columns.get("event_tag"))) : Optional.empty();
        this.eventDataQuery = connection.prepareStatement("SELECT _data FROM event_data WHERE _identifier = ?");
        this.streamQuery = columns.containsKey("event_data_stream")
                ? Optional.of(connection.prepareStatement("SELECT * FROM event_data_stream WHERE _identifier = ?"))
                : Optional.empty();
    }

    /**
     * Opens a file that starts with the SQLite magic as a plaso storage file.
     *
     * @throws InputFormatException naming the file and what is wrong with it
     */
    static PlasoStorage open(Path file) {
        Connection connection = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            return new PlasoStorage(file, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new InputFormatException(file + ": cannot be read as an SQLite database: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Whether the file's first bytes are {@code magic}. */
    static boolean startsWith(Path file, byte[] magic) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(magic.length), magic);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether an SQLite file has plaso's metadata table with a format version. */
    static boolean hasPlasoMetadata(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT value FROM metadata WHERE key = 'format_version'")) {
            return rows.next();
        } catch (SQLException e) {
            return false;
        }
    }

    Path file() {
        return file;
    }

    int formatVersion() {
        return formatVersion;
    }

    /** The event table's column linking to event_data, named in rejections. */
    String eventLinkColumn() {
        return eventLinkColumn;
    }

    long eventCount() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM event")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /**
     * All events in psort's order (timestamp, then row id for a stable order of ties), with the tag
     * labels of each joined in: columns 1 row id, 2 event data link, 3 timestamp, 4 timestamp_desc,
     * 5 labels JSON (null without a tag). SQLite sorts with a bounded page cache and spills to temporary
     * files, so this cursor does not load the table. Tags are joined rather than looked up per event:
     * plaso indexes event_tag by event, and without that index SQLite builds a transient one for the
     * join instead of scanning the tag table once per event. An event with several tag rows (plaso
     * warns about those) appears once per tag row, consecutively.
     */
    ResultSet events() throws SQLException {
        String tagJoin = "";
        String labels = "NULL";
        if (tagLinkColumn.isPresent()) {
            String on = tagLinkColumn.get().equals("_event_identifier")
                    ? "t._event_identifier = 'event.' || e._identifier"
                    : "t._event_row_identifier = e._identifier";
            tagJoin = " LEFT JOIN event_tag t ON " + on;
            labels = "t.labels";
        }
        Statement statement = connection.createStatement();
        statement.closeOnCompletion();
        return statement.executeQuery("SELECT e._identifier, e." + eventLinkColumn + ", e.timestamp, e.timestamp_desc, "
                + labels + " FROM event e" + tagJoin + " ORDER BY e.timestamp, e._identifier");
    }

    /** The row id an event's link names: {@code "event_data.N"} or an integer row identifier. */
    static long linkedRow(Object link, String table, String field) throws RecordException {
        if (link instanceof Number number) {
            return number.longValue();
        }
        if (link instanceof String text) {
            int dot = text.lastIndexOf('.');
            if (dot > 0 && text.substring(0, dot).equals(table)) {
                try {
                    return Long.parseLong(text.substring(dot + 1));
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
        }
        throw new RecordException(field, "link " + PythonFormat.repr(link) + " does not name a row of " + table);
    }

    /** The decoded attributes of event_data row {@code row}, envelope keys removed. */
    Map<String, Object> eventData(long row) throws RecordException, SQLException {
        Map<String, Object> cached = eventDataCache.get(row);
        if (cached != null) {
            return cached;
        }
        eventDataQuery.setLong(1, row);
        Object data;
        try (ResultSet rows = eventDataQuery.executeQuery()) {
            if (!rows.next()) {
                throw new RecordException(eventLinkColumn, "event_data." + row + " does not exist");
            }
            data = rows.getObject(1);
        }
        if (data == null) {
            throw new RecordException(eventLinkColumn, "event_data." + row + " has no _data");
        }
        Map<String, Object> decoded;
        try {
            decoded = values.decodeObject(json(data));
        } catch (IOException e) {
            throw new RecordException(eventLinkColumn, "event_data." + row + " _data cannot be inflated: " + e.getMessage());
        } catch (JacksonException e) {
            throw new RecordException(eventLinkColumn, "event_data." + row + " _data is not a JSON object: "
                    + e.getOriginalMessage());
        }
        decoded.remove(PlasoValues.TYPE);
        decoded.remove(PlasoValues.CONTAINER_TYPE);
        Map<String, Object> attributes = Collections.unmodifiableMap(decoded);
        eventDataCache.put(row, attributes);
        return attributes;
    }

    /** The UTF-8 JSON of a {@code _data} value: TEXT or a plain BLOB, or a zlib BLOB to inflate. */
    private byte[] json(Object data) throws IOException {
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = (byte[]) data;
        if (!zlib) {
            return bytes;
        }
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (ZipException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The non-NULL columns of an event_data_stream row, JSON columns (path_spec, yara_match) decoded.
     * Empty when the file has no such table or row: psort then simply has no stream attributes.
     */
    Map<String, Object> stream(long row) throws SQLException {
        if (streamQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> cached = streamCache.get(row);
        if (cached != null) {
            return cached;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        PreparedStatement query = streamQuery.get();
        query.setLong(1, row);
        try (ResultSet rows = query.executeQuery()) {
            if (rows.next()) {
                int count = rows.getMetaData().getColumnCount();
                for (int i = 1; i <= count; i++) {
                    String name = rows.getMetaData().getColumnName(i);
                    Object value = rows.getObject(i);
                    if (value != null && !name.equals("_identifier")) {
                        attributes.put(name, typedColumnValue(value));
                    }
                }
            }
        }
        Map<String, Object> result = Collections.unmodifiableMap(attributes);
        streamCache.put(row, result);
        return result;
    }

    /** Typed columns hold schema types other than int/str/bool as plain JSON text. */
    Object typedColumnValue(Object value) {
        if (value instanceof Integer number) {
            return number.longValue();
        }
        if (value instanceof String text && (text.startsWith("{") || text.startsWith("["))) {
            try {
                return values.decodeValue(text);
            } catch (JacksonException e) {
                return text;
            }
        }
        return value;
    }

    /** The labels of a tag row's JSON array. */
    List<String> labels(String json) throws RecordException {
        try {
            if (values.decodeValue(json) instanceof List<?> list) {
                List<String> labels = new ArrayList<>(list.size());
                for (Object label : list) {
                    labels.add(String.valueOf(label));
                }
                return labels;
            }
        } catch (JacksonException e) {
            // reported below
        }
        throw new RecordException("tag", "event_tag labels " + PythonFormat.repr(json) + " is not a JSON list");
    }

    private Map<String, String> readMetadata() throws SQLException {
        requireColumns("metadata", columns.get("metadata"), "key", "value");
        Map<String, String> metadata = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT key, value FROM metadata")) {
            while (rows.next()) {
                metadata.put(rows.getString(1), rows.getString(2));
            }
        }
        return metadata;
    }

    private int parseFormatVersion(String value) {
        if (value == null) {
            throw fail("the metadata table has no format_version, so this is not a plaso storage file");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw fail("metadata format_version '" + value + "' is not a number");
        }
    }

    private List<String> requireTable(String table) {
        List<String> found = columns.get(table);
        if (found == null) {
            throw fail("plaso storage file (format " + formatVersion + ") has no " + table
                    + " table; it holds no events or is damaged");
        }
        return found;
    }

    private void requireColumns(String table, List<String> present, String... required) {
        for (String column : required) {
            if (!present.contains(column)) {
                throw fail("table " + table + " has no column " + column + " (columns: " + String.join(", ", present) + ")");
            }
        }
    }

    private String firstPresent(String table, List<String> present, String... candidates) {
        for (String candidate : candidates) {
            if (present.contains(candidate)) {
                return candidate;
            }
        }
        throw fail("table " + table + " has none of the columns " + String.join(", ", candidates)
                + " (columns: " + String.join(", ", present) + ")");
    }

    private String tagLink(List<String> tagColumns) {
        String link = firstPresent("event_tag", tagColumns, "_event_identifier", "_event_row_identifier");
        requireColumns("event_tag", tagColumns, "labels");
        return link;
    }

    private static Map<String, List<String>> discoverColumns(Connection connection) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        Map<String, List<String>> columns = new HashMap<>();
        for (String table : tables) {
            List<String> names = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA table_info(\"" + table.replace("\"", "\"\"") + "\")")) {
                while (rows.next()) {
                    names.add(rows.getString("name"));
                }
            }
            columns.put(table, List.copyOf(names));
        }
        return columns;
    }

    private InputFormatException fail(String reason) {
        closeQuietly(connection);
        return new InputFormatException(file + ": " + reason);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the original failure is what the caller needs to see
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    /** A size-bounded map that evicts the least recently used entry. */
    private static final class Lru<K, V> extends LinkedHashMap<K, V> {
        private final int capacity;

        Lru(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
        }
    }
}
