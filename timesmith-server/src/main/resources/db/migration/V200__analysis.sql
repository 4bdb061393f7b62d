-- Sigma rules (global, not per sketch) and analyzer runs: one session per timeline and request,
-- one analysis per analyzer in it. Same portability rules as V1: ${id_column} for keys, ISO-8601
-- text times; parameters is the JSON string the Timesketch wire carries.

CREATE TABLE sigma_rule (
    id ${id_column},
    rule_uuid VARCHAR(255) NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status VARCHAR(32) NOT NULL DEFAULT '',
    query_string TEXT NOT NULL,
    rule_yaml TEXT NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);

CREATE TABLE analysis_session (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX analysis_session_sketch ON analysis_session (sketch_id);

-- status: PENDING, STARTED, DONE or ERROR; result is the analyzer's summary (or the error), log
-- its session log, one line per entry; events_done the progress the analyzer last reported.
CREATE TABLE analysis (
    id ${id_column},
    session_id BIGINT NOT NULL REFERENCES analysis_session (id) ON DELETE CASCADE,
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    timeline_id BIGINT NOT NULL REFERENCES timeline (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    analyzer_name VARCHAR(255) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parameters TEXT NOT NULL DEFAULT '{}',
    status VARCHAR(16) NOT NULL,
    result TEXT,
    log TEXT NOT NULL DEFAULT '',
    events_done BIGINT NOT NULL DEFAULT 0,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX analysis_session_id ON analysis (session_id);
CREATE INDEX analysis_timeline ON analysis (timeline_id);
