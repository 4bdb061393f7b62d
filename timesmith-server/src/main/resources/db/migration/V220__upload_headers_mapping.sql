-- The upload form's headersMapping (JSON text as sent, '' for none) and CSV delimiter ('' to
-- detect it), kept with the data source so that an import resumed after a restart reads the file
-- the same way.
ALTER TABLE data_source ADD COLUMN headers_mapping TEXT NOT NULL DEFAULT '';
ALTER TABLE data_source ADD COLUMN delimiter VARCHAR(8) NOT NULL DEFAULT '';
