-- Issue 10: what each decision saw and did, so it can be explained (re-evaluated against the
-- recorded rule-set version) and so a draft rule set can be back-tested against real traffic.
-- inputs holds the decision's facts only (risk outcomes, score, amount, term, segment): no
-- personal data, so it is stored in clear. One row per application: its first attempt; a retry
-- of the decision activity decides with the same rule-set version and facts.
create table decision_record (
    application_id   uuid         primary key references loan_application (id),
    rule_set_version varchar(64)  not null,
    model_version    varchar(128),
    inputs           jsonb        not null,
    outcome          varchar(16)  not null,
    reasons          jsonb        not null,
    matched_rules    jsonb        not null,
    approved_amount  numeric(14, 2),
    annual_rate      numeric(8, 6),
    decided_at       timestamptz  not null
);
create index ix_decision_record_decided_at on decision_record (decided_at);
