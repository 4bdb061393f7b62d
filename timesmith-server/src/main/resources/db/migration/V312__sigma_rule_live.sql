-- Issue 16: the rule store keeps what rules are searched by (level, tags, log source) and which
-- rules run live on every imported event.
ALTER TABLE sigma_rule ADD COLUMN live BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sigma_rule ADD COLUMN level VARCHAR(32) NOT NULL DEFAULT '';
ALTER TABLE sigma_rule ADD COLUMN tags TEXT NOT NULL DEFAULT '';
ALTER TABLE sigma_rule ADD COLUMN logsource TEXT NOT NULL DEFAULT '';
