-- A timeline added to a sketch for a search index that already holds events (Timesketch's "add
-- an existing timeline to another sketch") shows those events, which keep the __ts_timeline_id of
-- the timeline that imported them. Each row says: timeline_id also shows the events stamped with
-- event_timeline_id. The stamped id may outlive its timeline (deleted in its own sketch), so it is
-- not a foreign key; a timeline's events leave the store only when no row still points at them.
CREATE TABLE timeline_event_source (
    timeline_id BIGINT NOT NULL REFERENCES timeline (id) ON DELETE CASCADE,
    event_timeline_id BIGINT NOT NULL,
    PRIMARY KEY (timeline_id, event_timeline_id)
);
CREATE INDEX timeline_event_source_events ON timeline_event_source (event_timeline_id);
