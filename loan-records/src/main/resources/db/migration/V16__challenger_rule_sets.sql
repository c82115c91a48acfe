-- Issue 10: champion/challenger. A version published as CHALLENGER is evaluated in shadow, beside
-- the ACTIVE one (the champion), on a configurable share of applications chosen by their id; its
-- answers are stored here and never acted on. At most one challenger at a time, as at most one
-- champion, so a shadow report always compares two known versions.
alter table rule_set drop constraint rule_set_status_check;
alter table rule_set add constraint rule_set_status_check
    check (status in ('DRAFT', 'APPROVED', 'ACTIVE', 'CHALLENGER', 'RETIRED'));
create unique index ux_rule_set_challenger on rule_set (status) where status = 'CHALLENGER';

-- One row per application and challenger version: the first evaluation; a retry of the decision
-- activity evaluates the same facts again and keeps it.
create table shadow_decision (
    application_id   uuid         not null references loan_application (id),
    rule_set_version varchar(64)  not null references rule_set (version),
    champion_version varchar(64)  not null,
    outcome          varchar(16)  not null,
    reasons          jsonb        not null,
    matched_rules    jsonb        not null,
    approved_amount  numeric(14, 2),
    annual_rate      numeric(8, 6),
    decided_at       timestamptz  not null,
    primary key (rule_set_version, application_id)
);
