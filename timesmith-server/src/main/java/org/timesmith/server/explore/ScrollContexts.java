package org.timesmith.server.explore;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Times;

/**
 * Server-side scroll contexts behind the explore {@code scroll_id}. Timesketch's client sends the
 * id of the first page again for every later page (OpenSearch keeps one id for a whole scroll), so
 * the id must be stable and the position kept on the server: in the metadata database, so a scroll
 * continues on whichever node the next request reaches. A context belongs to one user and sketch
 * and expires when no page was fetched within {@link #KEEP_ALIVE}.
 */
@Repository
class ScrollContexts {

    /** How long a scroll lives after its last page (OpenSearch scrolls default to minutes too). */
    static final Duration KEEP_ALIVE = Duration.ofMinutes(10);

    /** Where a scroll stands: the sort key after which its next page starts, or none when done. */
    record Position(String id, Optional<SearchAfter> after) {
    }

    private final JdbcClient jdbc;
    private final Times times;
    private final SecureRandom random = new SecureRandom();

    ScrollContexts(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    /** Opens a scroll whose next page starts after {@code after}; also drops expired scrolls. */
    String open(long userId, long sketchId, SearchAfter after) {
        long now = times.instant().toEpochMilli();
        jdbc.sql("DELETE FROM scroll_context WHERE expires_at < ?").param(now).update();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = "ts-scroll-" + HexFormat.of().formatHex(bytes);
        jdbc.sql("INSERT INTO scroll_context (id, user_id, sketch_id, after_timestamp, after_id, exhausted, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, 0, ?)")
                .params(id, userId, sketchId, after.timestamp(), after.id(), now + KEEP_ALIVE.toMillis()).update();
        return id;
    }

    /** The position of a live scroll of this user in this sketch; 400 when it is unknown or expired. */
    Position position(String id, long userId, long sketchId) {
        long now = times.instant().toEpochMilli();
        return jdbc.sql("SELECT after_timestamp, after_id, exhausted FROM scroll_context"
                        + " WHERE id = ? AND user_id = ? AND sketch_id = ? AND expires_at >= ?")
                .params(id, userId, sketchId, now)
                .query((rs, row) -> new Position(id, rs.getInt("exhausted") != 0 ? Optional.empty()
                        : Optional.of(new SearchAfter(rs.getLong("after_timestamp"), rs.getString("after_id")))))
                .optional()
                .orElseThrow(() -> ApiException.badRequest("The scroll_id is unknown or has expired (a scroll lives "
                        + KEEP_ALIVE.toMinutes() + " minutes after its last page); start the search again without it."));
    }

    /** Moves a scroll on after a page was sent: to the page's last hit, or to its end. */
    void advance(String id, Optional<SearchAfter> next) {
        long expires = times.instant().toEpochMilli() + KEEP_ALIVE.toMillis();
        jdbc.sql("UPDATE scroll_context SET after_timestamp = ?, after_id = ?, exhausted = ?, expires_at = ? WHERE id = ?")
                .params(next.map(SearchAfter::timestamp).orElse(null), next.map(SearchAfter::id).orElse(null),
                        next.isPresent() ? 0 : 1, expires, id)
                .update();
    }
}
