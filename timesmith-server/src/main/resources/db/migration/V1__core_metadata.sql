-- Core metadata: users, groups, sketches and their ACL, search indices, timelines, data sources,
-- upload chunks, comments and background tasks. Portable between SQLite and PostgreSQL: the only
-- dialect difference (auto-increment keys) is the ${id_column} placeholder; times are ISO-8601
-- text in UTC with microseconds, so they sort correctly and need no timezone handling.

CREATE TABLE ts_user (
    id ${id_column},
    username VARCHAR(255) NOT NULL UNIQUE,
    name VARCHAR(255) NOT NULL,
    email VARCHAR(255) NOT NULL DEFAULT '',
    password_hash VARCHAR(255) NOT NULL,
    admin BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);

CREATE TABLE ts_group (
    id ${id_column},
    name VARCHAR(255) NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at VARCHAR(32) NOT NULL
);

CREATE TABLE ts_group_member (
    group_id BIGINT NOT NULL REFERENCES ts_group (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE sketch (
    id ${id_column},
    name VARCHAR(255) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    status VARCHAR(32) NOT NULL,
    label_string TEXT NOT NULL DEFAULT '',
    is_public BOOLEAN NOT NULL DEFAULT FALSE,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    last_activity VARCHAR(32) NOT NULL
);

-- One row per granted permission; principal_type is 'user' or 'group'.
CREATE TABLE sketch_acl (
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    principal_type VARCHAR(8) NOT NULL,
    principal_id BIGINT NOT NULL,
    permission VARCHAR(16) NOT NULL,
    PRIMARY KEY (sketch_id, principal_type, principal_id, permission)
);

CREATE TABLE sketch_attribute (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    name VARCHAR(255) NOT NULL,
    ontology VARCHAR(64) NOT NULL,
    values_json TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    UNIQUE (sketch_id, name)
);

CREATE TABLE search_index (
    id ${id_column},
    name VARCHAR(255) NOT NULL,
    index_name VARCHAR(255) NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    status VARCHAR(32) NOT NULL,
    label_string TEXT NOT NULL DEFAULT '',
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);

CREATE TABLE timeline (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    search_index_id BIGINT NOT NULL REFERENCES search_index (id),
    name VARCHAR(255) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    color VARCHAR(6) NOT NULL,
    label_string TEXT NOT NULL DEFAULT '',
    status VARCHAR(32) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX timeline_sketch ON timeline (sketch_id);
CREATE INDEX timeline_search_index ON timeline (search_index_id);

-- content_key identifies the uploaded bytes (a hash of a streamed batch, or the chunked upload's
-- key), so a re-sent batch or chunk finds its data source instead of importing twice.
CREATE TABLE data_source (
    id ${id_column},
    timeline_id BIGINT NOT NULL REFERENCES timeline (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    provider VARCHAR(255) NOT NULL,
    context TEXT NOT NULL,
    file_on_disk TEXT NOT NULL DEFAULT '',
    file_size BIGINT NOT NULL DEFAULT 0,
    original_filename VARCHAR(255) NOT NULL DEFAULT '',
    data_label VARCHAR(255) NOT NULL DEFAULT '',
    format VARCHAR(16) NOT NULL,
    content_key VARCHAR(255) NOT NULL,
    status VARCHAR(32) NOT NULL,
    error_message TEXT NOT NULL DEFAULT '',
    total_file_events BIGINT NOT NULL DEFAULT 0,
    indexed_events BIGINT NOT NULL DEFAULT 0,
    rejected_events BIGINT NOT NULL DEFAULT 0,
    task_id VARCHAR(36) NOT NULL DEFAULT '',
    job_id VARCHAR(36) NOT NULL DEFAULT '',
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX data_source_timeline ON data_source (timeline_id);
CREATE INDEX data_source_content ON data_source (content_key);
CREATE INDEX data_source_status ON data_source (status);

-- Chunks of a binary upload received so far; the key makes a re-sent chunk a no-op.
CREATE TABLE upload_chunk (
    upload_key VARCHAR(255) NOT NULL,
    chunk_index INTEGER NOT NULL,
    byte_offset BIGINT NOT NULL,
    size BIGINT NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    PRIMARY KEY (upload_key, chunk_index)
);

CREATE TABLE event_comment (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    index_name VARCHAR(255) NOT NULL,
    event_id VARCHAR(255) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    comment TEXT NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX event_comment_event ON event_comment (sketch_id, index_name, event_id);

-- Background work as the tasks/ endpoint reports it (imports and bulk annotations). A data source
-- keeps its task id for good; job_id is the current JobRunr attempt (a new one after a restart).
CREATE TABLE task (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    kind VARCHAR(32) NOT NULL,
    sketch_id BIGINT,
    user_id BIGINT NOT NULL,
    state VARCHAR(16) NOT NULL,
    request TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT '',
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
