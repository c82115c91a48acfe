-- Issue 10: credit policy that business users own. Every version of the rule set (the DMN XML of
-- the whole decision and its test cases) is kept for good, so any past decision can be explained
-- against the exact rules that took it. The status moves DRAFT -> APPROVED (by a second rule
-- editor, never the author) -> ACTIVE; publishing another version retires the active one, and
-- rolling back is publishing an earlier approved version again. The first start of a new database
-- stores the shipped rule set as the active version (ShippedRuleSet).
create sequence rule_set_number start with 2;

create table rule_set (
    version      varchar(64)  primary key,
    status       varchar(16)  not null check (status in ('DRAFT', 'APPROVED', 'ACTIVE', 'RETIRED')),
    dmn_xml      text         not null,
    test_cases   jsonb        not null,
    comment      varchar(2000),
    author       varchar(128) not null,
    approver     varchar(128),
    created_at   timestamptz  not null,
    approved_at  timestamptz,
    published_at timestamptz,
    retired_at   timestamptz,
    -- Maker-checker holds in the database too, whatever calls it.
    check (approver is null or approver <> author),
    check (status = 'DRAFT' or approver is not null)
);
-- At most one active version: two publishes racing cannot both win.
create unique index ux_rule_set_active on rule_set (status) where status = 'ACTIVE';
