-- Console accounts get an optional e-mail address: an @mention in a note sends that person a notice (issue 12).
ALTER TABLE agent_accounts ADD COLUMN email TEXT NULL;
