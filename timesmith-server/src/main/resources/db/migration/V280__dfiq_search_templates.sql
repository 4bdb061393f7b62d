-- DFIQ in a sketch (scenarios, facets, investigative questions with their approaches, labels,
-- attributes and conclusions, and the events a conclusion rests on) and search templates. Same
-- portability rules as V1: ${id_column} for keys, ISO-8601 text times, JSON kept as text exactly
-- as it goes on the wire.

-- Search templates are global. user_id is NULL for templates made from the DFIQ library, which
-- every user may read; a template made from a saved search belongs to its creator, and
-- source_view_id/source_sketch_id say which saved search it came from.
CREATE TABLE search_template (
    id ${id_column},
    template_uuid VARCHAR(64) NOT NULL UNIQUE,
    user_id BIGINT REFERENCES ts_user (id),
    is_public BOOLEAN NOT NULL DEFAULT FALSE,
    name TEXT NOT NULL,
    short_name VARCHAR(255) NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    query_string TEXT NOT NULL DEFAULT '',
    query_filter TEXT NOT NULL DEFAULT '{}',
    query_dsl TEXT NOT NULL DEFAULT '',
    template_json TEXT NOT NULL DEFAULT '',
    source_view_id BIGINT,
    source_sketch_id BIGINT REFERENCES sketch (id) ON DELETE SET NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);

-- status is the scenario's one status ('' for none yet: Timesketch's empty status list).
CREATE TABLE dfiq_scenario (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    dfiq_identifier VARCHAR(64),
    uuid VARCHAR(64),
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    description TEXT,
    spec_json TEXT,
    status VARCHAR(255) NOT NULL DEFAULT '',
    status_at VARCHAR(32),
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX dfiq_scenario_sketch ON dfiq_scenario (sketch_id);

CREATE TABLE dfiq_facet (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    scenario_id BIGINT NOT NULL REFERENCES dfiq_scenario (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    dfiq_identifier VARCHAR(64),
    uuid VARCHAR(64),
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    description TEXT,
    spec_json TEXT,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX dfiq_facet_scenario ON dfiq_facet (scenario_id);

-- A question hangs off a facet, straight off a scenario, or neither (an "orphan" question).
-- status: new, pending-review, verified or rejected.
CREATE TABLE dfiq_question (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    scenario_id BIGINT REFERENCES dfiq_scenario (id) ON DELETE CASCADE,
    facet_id BIGINT REFERENCES dfiq_facet (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    dfiq_identifier VARCHAR(64),
    uuid VARCHAR(64),
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    description TEXT,
    spec_json TEXT,
    status VARCHAR(32) NOT NULL DEFAULT 'new',
    status_at VARCHAR(32) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX dfiq_question_sketch ON dfiq_question (sketch_id);
CREATE INDEX dfiq_question_facet ON dfiq_question (facet_id);

-- Labels of a question, e.g. its priority __ts_priority_low|medium|high.
CREATE TABLE dfiq_question_label (
    id ${id_column},
    question_id BIGINT NOT NULL REFERENCES dfiq_question (id) ON DELETE CASCADE,
    label VARCHAR(255) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    created_at VARCHAR(32) NOT NULL,
    UNIQUE (question_id, label)
);

CREATE TABLE dfiq_question_attribute (
    id ${id_column},
    question_id BIGINT NOT NULL REFERENCES dfiq_question (id) ON DELETE CASCADE,
    name VARCHAR(255) NOT NULL,
    value TEXT NOT NULL,
    ontology VARCHAR(255),
    description TEXT,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    created_at VARCHAR(32) NOT NULL
);
CREATE INDEX dfiq_question_attribute_question ON dfiq_question_attribute (question_id);

CREATE TABLE dfiq_approach (
    id ${id_column},
    question_id BIGINT NOT NULL REFERENCES dfiq_question (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES ts_user (id),
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    description TEXT,
    spec_json TEXT,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX dfiq_approach_question ON dfiq_approach (question_id);

CREATE TABLE dfiq_approach_search_template (
    approach_id BIGINT NOT NULL REFERENCES dfiq_approach (id) ON DELETE CASCADE,
    search_template_id BIGINT NOT NULL REFERENCES search_template (id) ON DELETE CASCADE,
    step_order INTEGER NOT NULL,
    PRIMARY KEY (approach_id, search_template_id)
);

-- A conclusion: a user's (user_id set, one per user and question) or automated (user_id NULL).
-- source: USER or AI_GENERATED; priority: '' or low, medium, high; status: '' or a review state
-- such as pending-review; attributes: a JSON object (e.g. {"attack_stage": "..."}).
CREATE TABLE dfiq_conclusion (
    id ${id_column},
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    question_id BIGINT NOT NULL REFERENCES dfiq_question (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES ts_user (id),
    conclusion TEXT NOT NULL DEFAULT '',
    automated BOOLEAN NOT NULL DEFAULT FALSE,
    source VARCHAR(32) NOT NULL DEFAULT 'USER',
    priority VARCHAR(16) NOT NULL DEFAULT '',
    status VARCHAR(64) NOT NULL DEFAULT '',
    attributes TEXT NOT NULL DEFAULT '{}',
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL
);
CREATE INDEX dfiq_conclusion_question ON dfiq_conclusion (question_id);

-- The events a conclusion rests on ("facts"), by store index name and event id.
CREATE TABLE dfiq_conclusion_event (
    id ${id_column},
    conclusion_id BIGINT NOT NULL REFERENCES dfiq_conclusion (id) ON DELETE CASCADE,
    sketch_id BIGINT NOT NULL REFERENCES sketch (id) ON DELETE CASCADE,
    searchindex_name VARCHAR(255) NOT NULL,
    document_id VARCHAR(255) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    UNIQUE (conclusion_id, searchindex_name, document_id)
);
