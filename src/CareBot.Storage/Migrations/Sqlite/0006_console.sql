-- The agent console (issue 12).
-- summary: the case's CaseSummary as JSON, written with every change, so inbox pages never load the case documents.
-- NULL on cases written before this migration; those are summarised from json when read.
ALTER TABLE cases ADD COLUMN summary TEXT NULL;

-- Inbox views walk open cases in urgency order and stop at the page's end; closed cases (most of the table over
-- time) are not in these indexes at all.
CREATE INDEX ix_cases_open_urgency ON cases (priority DESC, sla_due, number)
    WHERE status IN ('Queued', 'Assigned', 'WaitingOnCustomer');
CREATE INDEX ix_cases_open_assignee ON cases (assignee, priority DESC, sla_due, number)
    WHERE status IN ('Queued', 'Assigned', 'WaitingOnCustomer');

-- Per-agent console settings (the saved inbox filter, ...): a JSON document under a name.
CREATE TABLE agent_preferences (
    user_name  TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    value_json TEXT    NOT NULL,
    updated_at INTEGER NOT NULL, -- unix ms
    PRIMARY KEY (user_name, name)
);

-- The customer as "channel:user id", so that a case page lists the same customer's other cases from an index.
ALTER TABLE cases ADD COLUMN customer_key TEXT NULL;
UPDATE cases SET customer_key = json_extract(json, '$.customer.channelId') || ':' || json_extract(json, '$.customer.userId');
CREATE INDEX ix_cases_customer ON cases (customer_key, number);
