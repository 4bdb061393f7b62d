-- Structured analyzer results (issue 14): result_details is the JSON of the run's AnalysisResult in
-- Timesketch's analyzer-output shape (result stays the one-line summary Timesketch clients read);
-- progress is the fraction done the analyzer last reported (negative: unknown).
ALTER TABLE analysis ADD COLUMN result_details TEXT;
ALTER TABLE analysis ADD COLUMN progress REAL NOT NULL DEFAULT 0;
