-- One row per import of uploaded content into a timeline (data_source.content_key). The upload
-- service inserts it in the same transaction that creates the data source, with ON CONFLICT DO
-- NOTHING: when two nodes receive the same batch, file or last chunk at once, exactly one insert
-- wins and imports; the other finds the winner's data source. (data_source itself cannot carry the
-- unique key: manual data sources repeat their content key.)
CREATE TABLE upload_claim (
    timeline_id BIGINT NOT NULL REFERENCES timeline (id) ON DELETE CASCADE,
    content_key VARCHAR(255) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    PRIMARY KEY (timeline_id, content_key)
);

INSERT INTO upload_claim (timeline_id, content_key, created_at)
SELECT timeline_id, content_key, MIN(created_at) FROM data_source
WHERE content_key NOT LIKE 'manual:%'
GROUP BY timeline_id, content_key;
