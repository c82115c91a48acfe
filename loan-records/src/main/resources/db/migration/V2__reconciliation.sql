-- Reconciliation of payment-channel statements against our payouts (batch-reconciliation module).

-- The lines of the statement a job execution is reconciling. Step 1 writes them and step 2
-- reads them to find our payouts the channel did not report: the steps share nothing in
-- memory, so a restarted or re-run job sees the same data. Keyed by job execution so two
-- runs never read each other's lines; rows are deleted when their run ends.
-- No foreign key to batch_job_execution: that table is created by the next migration, and
-- the cleanup query joins on it instead.
create table reconciliation_statement_line (
    job_execution_id bigint        not null,
    idempotency_key  varchar(100)  not null,
    line_number      integer       not null,
    payout_id        varchar(64),
    amount           numeric(12, 2) not null,
    currency         char(3)       not null,
    status           varchar(16)   not null,
    processed_at     timestamptz   not null,
    -- A key listed twice in one statement is staged once: step 2 only asks "was it there?".
    primary key (job_execution_id, idempotency_key)
);

-- What the operations team has to look at. One row per (channel, statement date, kind, key):
-- a run deletes the previous result of its channel and date before raising anew, and the
-- unique constraint (used by ON CONFLICT) keeps a restarted step or a key repeated in the
-- statement from raising the same discrepancy twice.
create table reconciliation_discrepancy (
    id               bigint        generated always as identity primary key,
    channel          varchar(32)   not null,
    statement_date   date          not null,
    kind             varchar(32)   not null check (kind in (
                         'MISSING_IN_LEDGER', 'AMOUNT_MISMATCH', 'STATUS_MISMATCH',
                         'MISSING_IN_STATEMENT', 'UNPARSEABLE_LINE')),
    -- An unparseable line has no trustworthy key: it is stored as 'line:<number>' so the
    -- unique constraint still holds (NULLs would never conflict and re-runs would duplicate).
    idempotency_key  varchar(100)  not null,
    statement_line   integer,
    statement_amount numeric(12, 2),
    ledger_amount    numeric(12, 2),
    statement_status varchar(16),
    ledger_status    varchar(16),
    detail           varchar(1000),
    -- The Spring Batch job execution that raised it, to find the run's parameters and file.
    job_execution_id bigint        not null,
    raised_at        timestamptz   not null,
    constraint uq_reconciliation_discrepancy unique (channel, statement_date, kind, idempotency_key)
);

-- Step 2 looks for SUCCEEDED payouts of one channel updated on one day.
create index ix_payout_channel_status_updated on payout (channel, status, updated_at);
