-- The upload form's plaso_event_filter ('' for none), kept with the data source so that an import
-- resumed after a restart filters the same way, and how many events the filter left out (neither
-- indexed nor rejected: total_file_events = indexed_events + rejected_events + filtered_events).
ALTER TABLE data_source ADD COLUMN plaso_event_filter TEXT NOT NULL DEFAULT '';
ALTER TABLE data_source ADD COLUMN filtered_events BIGINT NOT NULL DEFAULT 0;
