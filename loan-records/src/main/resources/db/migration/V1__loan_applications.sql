-- The system of record for loan applications. Temporal holds the live state of a
-- running workflow; this schema holds everything that must outlive it (and the
-- embedded Temporal service, which keeps nothing across a restart).

create table loan_application (
    id                  uuid         primary key,
    idempotency_key     varchar(128) not null,
    -- SHA-256 of the canonical request body: the same key with another body is a conflict.
    request_fingerprint varchar(64)  not null,
    applicant_name      varchar(100) not null,
    id_number           varchar(18)  not null,
    phone               varchar(20)  not null,
    bank_card           varchar(19)  not null,
    device_id           varchar(128) not null,
    client_ip           varchar(45)  not null,
    amount              numeric(12, 2) not null check (amount > 0),
    term_days           integer      not null check (term_days > 0),
    purpose             varchar(200),
    status              varchar(32)  not null,
    current_step        varchar(64)  not null,
    -- The latest status revision written by the workflow; older revisions arriving late are ignored.
    revision            integer      not null default 0,
    risk_checks         jsonb,
    decision            jsonb,
    payout              jsonb,
    review              jsonb,
    review_deadline     timestamptz,
    submitted_at        timestamptz  not null,
    decided_at          timestamptz,
    completed_at        timestamptz,
    updated_at          timestamptz  not null,
    version             bigint       not null default 0,
    constraint uq_loan_application_idempotency_key unique (idempotency_key)
);

-- Start-up recovery scans for applications a previous run left unfinished.
create index ix_loan_application_unfinished on loan_application (submitted_at)
    where status in ('UNDER_REVIEW', 'MANUAL_REVIEW', 'APPROVED', 'DISBURSING');

-- Every status change, in order: what happened to an application and when.
create table application_status_history (
    id             bigserial    primary key,
    application_id uuid         not null references loan_application (id),
    revision       integer      not null,
    status         varchar(32)  not null,
    step           varchar(64)  not null,
    recorded_at    timestamptz  not null,
    constraint uq_status_history_revision unique (application_id, revision)
);
create index ix_status_history_application on application_status_history (application_id, id);

-- One row per payout attempt. The idempotency key is derived from the application id and
-- the attempt number, so a resumed workflow finds the row of an attempt it already made
-- and never sends that payout again.
create table payout (
    idempotency_key   varchar(100) primary key,
    application_id    uuid          not null references loan_application (id),
    attempt           integer       not null check (attempt > 0),
    channel           varchar(32)   not null,
    amount            numeric(12, 2) not null check (amount > 0),
    status            varchar(16)   not null check (status in ('SENDING', 'SUCCEEDED', 'FAILED')),
    channel_reference varchar(64),
    failure_reason    varchar(200),
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    constraint uq_payout_attempt unique (application_id, attempt)
);

create table blacklist_entry (
    id         bigserial    primary key,
    id_number  varchar(18),
    phone      varchar(20),
    reason     varchar(200) not null,
    created_at timestamptz  not null default now(),
    constraint ck_blacklist_identifier check (id_number is not null or phone is not null)
);
create index ix_blacklist_id_number on blacklist_entry (id_number);
create index ix_blacklist_phone on blacklist_entry (phone);
