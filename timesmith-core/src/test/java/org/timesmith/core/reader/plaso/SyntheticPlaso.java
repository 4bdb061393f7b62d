package org.timesmith.core.reader.plaso;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes small plaso storage files with sqlite-jdbc for tests, laid out as plaso's typed-column
 * formats are (doc §3–§4): a metadata table, {@code event} with typed columns, {@code event_data}
 * with zlib (or plain) JSON blobs, and optionally {@code event_data_stream} and {@code event_tag}.
 */
final class SyntheticPlaso {

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<String> eventData = new ArrayList<>();
    private final List<Object[]> events = new ArrayList<>();
    private final List<String> streams = new ArrayList<>();
    private final List<Object[]> tags = new ArrayList<>();
    private boolean integerLinks;
    private final List<String> extraStatements = new ArrayList<>();

    SyntheticPlaso() {
        metadata.put("format_version", "20230327");
        metadata.put("compression_format", "zlib");
        metadata.put("serialization_format", "json");
    }

    SyntheticPlaso metadata(String key, String value) {
        if (value == null) {
            metadata.remove(key);
        } else {
            metadata.put(key, value);
        }
        return this;
    }

    /** Links as in formats 20210621–20220716: integer {@code _event_data_row_identifier} columns. */
    SyntheticPlaso integerLinks() {
        integerLinks = true;
        return this;
    }

    /** Adds event_data row N (1-based, in call order) with this JSON object. */
    SyntheticPlaso eventData(String json) {
        eventData.add(json);
        return this;
    }

    SyntheticPlaso event(Object link, Long timestamp, String timestampDesc) {
        events.add(new Object[] {link, timestamp, timestampDesc});
        return this;
    }

    SyntheticPlaso stream(String pathSpecJson) {
        streams.add(pathSpecJson);
        return this;
    }

    SyntheticPlaso tag(Object eventLink, String labelsJson) {
        tags.add(new Object[] {eventLink, labelsJson});
        return this;
    }

    /** Runs after the tables are filled, to break the file in a particular way. */
    SyntheticPlaso then(String sql) {
        extraStatements.add(sql);
        return this;
    }

    Path write(Path file) {
        boolean zlib = "zlib".equals(metadata.get("compression_format"));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE metadata (key TEXT, value TEXT)");
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                statement.execute("INSERT INTO metadata VALUES ('" + entry.getKey() + "', '" + entry.getValue() + "')");
            }
            statement.execute("CREATE TABLE event_data (_identifier INTEGER PRIMARY KEY AUTOINCREMENT, _data "
                    + (zlib ? "BLOB" : "TEXT") + ")");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_data (_data) VALUES (?)")) {
                for (String json : eventData) {
                    if (zlib) {
                        insert.setBytes(1, deflate(json));
                    } else {
                        insert.setString(1, json);
                    }
                    insert.executeUpdate();
                }
            }
            String link = integerLinks ? "_event_data_row_identifier INT" : "_event_data_identifier TEXT";
            statement.execute("CREATE TABLE event (_identifier INTEGER PRIMARY KEY AUTOINCREMENT, " + link
                    + ", date_time TEXT, timestamp INTEGER, timestamp_desc TEXT)");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO event (" + link.split(" ")[0] + ", timestamp, timestamp_desc) VALUES (?, ?, ?)")) {
                for (Object[] event : events) {
                    insert.setObject(1, event[0]);
                    insert.setObject(2, event[1]);
                    insert.setObject(3, event[2]);
                    insert.executeUpdate();
                }
            }
            if (!streams.isEmpty()) {
                statement.execute("CREATE TABLE event_data_stream (_identifier INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "file_entropy TEXT, md5_hash TEXT, path_spec TEXT, sha1_hash TEXT, sha256_hash TEXT, yara_match TEXT)");
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO event_data_stream (path_spec, sha256_hash) VALUES (?, 'abc123')")) {
                    for (String pathSpec : streams) {
                        insert.setString(1, pathSpec);
                        insert.executeUpdate();
                    }
                }
            }
            if (!tags.isEmpty()) {
                String tagLink = integerLinks ? "_event_row_identifier INT" : "_event_identifier TEXT";
                statement.execute("CREATE TABLE event_tag (_identifier INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + tagLink + ", labels TEXT)");
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO event_tag (" + tagLink.split(" ")[0] + ", labels) VALUES (?, ?)")) {
                    for (Object[] tag : tags) {
                        insert.setObject(1, tag[0]);
                        insert.setString(2, (String) tag[1]);
                        insert.executeUpdate();
                    }
                }
            }
            for (String sql : extraStatements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write test plaso file " + file, e);
        }
        return file;
    }

    static byte[] deflate(String json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An event_data JSON object in plaso's envelope. */
    static String eventDataJson(String dataType, String attributesJson) {
        return "{\"__type__\": \"AttributeContainer\", \"__container_type__\": \"event_data\", \"data_type\": \""
                + dataType + "\"" + (attributesJson.isEmpty() ? "" : ", " + attributesJson) + "}";
    }
}
