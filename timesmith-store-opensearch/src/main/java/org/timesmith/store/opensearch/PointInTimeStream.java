package org.timesmith.store.opensearch;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.EventStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every match of a search as of one point in time, fetched a page at a time with
 * {@code search_after} on the (timestamp, id) sort, so nothing is capped and memory holds one page.
 * With a slice it returns only that slice's share (in order within the slice). The point in time
 * is released when the last stream sharing it is closed or exhausted.
 */
final class PointInTimeStream implements EventStream {

    static final int PAGE = 1_000;

    /** A point in time shared by the slices of one sliced stream; deleted when the last one closes. */
    static final class SharedPit {
        private final ClusterClient client;
        private final String id;
        private final String keepAlive;
        private int users;

        SharedPit(ClusterClient client, String id, String keepAlive, int users) {
            this.client = client;
            this.id = id;
            this.keepAlive = keepAlive;
            this.users = users;
        }

        synchronized void release() {
            if (--users == 0) {
                ObjectNode body = ClusterClient.JSON.createObjectNode();
                body.putArray("pit_id").add(id);
                client.call("closing a point in time", "DELETE", "/_search/point_in_time", body);
            }
        }
    }

    private final ClusterClient client;
    private final SharedPit pit;
    private final ObjectNode body;
    private final Function<JsonNode, StoredEvent> toEvent;
    private List<JsonNode> page = List.of();
    private int position;
    private boolean exhausted;
    private boolean closed;

    /**
     * @param searchBody query, sort, {@code _source} and optionally {@code search_after} and
     *                   {@code slice}; the point in time and page size are added here
     */
    PointInTimeStream(ClusterClient client, SharedPit pit, ObjectNode searchBody, Function<JsonNode, StoredEvent> toEvent) {
        this.client = client;
        this.pit = pit;
        this.body = searchBody;
        this.toEvent = toEvent;
        body.putObject("pit").put("id", pit.id).put("keep_alive", pit.keepAlive);
        body.put("size", PAGE).put("track_total_hits", false);
    }

    @Override
    public boolean hasNext() {
        if (position < page.size()) {
            return true;
        }
        if (exhausted || closed) {
            return false;
        }
        JsonNode reply = client.call("stream", "POST", "/_search", body).body();
        List<JsonNode> hits = new ArrayList<>();
        reply.path("hits").path("hits").forEach(hits::add);
        page = hits;
        position = 0;
        if (hits.size() < PAGE) {
            exhausted = true;
        }
        if (!hits.isEmpty()) {
            ArrayNode after = body.putArray("search_after");
            hits.getLast().path("sort").forEach(after::add);
            return true;
        }
        close();
        return false;
    }

    @Override
    public StoredEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        StoredEvent event = toEvent.apply(page.get(position++));
        if (exhausted && position == page.size()) {
            close();
        }
        return event;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            page = List.of();
            position = 0;
            pit.release();
        }
    }
}
