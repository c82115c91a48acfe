-- Issue 11: the credit model registry. Every version (its PMML, model card and feature mapping)
-- is kept for good, so any past score can be explained with the model that gave it. One CHAMPION
-- scores the applications the rules decide on; any number of CHALLENGERs score the same
-- applications in shadow; REGISTERED versions serve nothing yet; RETIRED ones no longer do. A
-- version is stored only after it loaded and reproduced its own verification records.
create table credit_model (
    version         varchar(128) primary key,
    role            varchar(16)  not null check (role in ('REGISTERED', 'CHAMPION', 'CHALLENGER', 'RETIRED')),
    pmml            bytea        not null,
    pmml_sha256     varchar(64)  not null,
    card            jsonb        not null,
    feature_mapping jsonb        not null,
    registered_by   varchar(128) not null,
    registered_at   timestamptz  not null,
    role_changed_at timestamptz  not null
);
-- At most one champion: two promotions racing cannot both win.
create unique index ux_credit_model_champion on credit_model (role) where role = 'CHAMPION';

-- Every score a serving version gave: the champion's (which the rules decided on) and each
-- challenger's in shadow, with what the champion rule set would have decided on the challenger's
-- probability. One row per application and version: its first score (a retried activity scores
-- the same record again and keeps it). Scores and reason codes only, no personal data.
create table credit_score (
    application_id         uuid             not null references loan_application (id),
    model_version          varchar(128)     not null references credit_model (version),
    champion               boolean          not null,
    probability_of_default double precision,
    score                  integer,
    band                   varchar(16),
    reasons                jsonb            not null,
    unscored               jsonb,
    shadow_outcome         varchar(16),
    scored_at              timestamptz      not null,
    -- Application first: the hot path reads an application's scores (a retried score, the
    -- challengers' at decision time); a version's scores are read by the index below.
    primary key (application_id, model_version)
);
create index ix_credit_score_scored_at on credit_score (model_version, scored_at);
