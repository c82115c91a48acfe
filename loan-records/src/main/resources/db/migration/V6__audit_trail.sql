-- The audit trail: consent, decisions and money movements, append-only and hash-chained.
-- Each record's hash covers the previous record's hash and the record's own canonical JSON
-- (sequence, kind, applicationId, reference, payload, recordedAt), so AuditChainVerifier can
-- prove that no record was altered (hash mismatch), removed (sequence gap) or inserted or
-- reordered (previous-hash mismatch). Records hold no ID number, card number or phone: they
-- name the application, which is why they may outlive the personal data (see docs).
create table audit_record (
    -- Assigned by the appender under an advisory lock, never by a sequence object: a rolled-back
    -- append must not leave a gap, because a gap is how the verifier sees a deleted record.
    sequence       bigint       primary key check (sequence > 0),
    kind           varchar(32)  not null,
    -- No foreign key on purpose: erasing an applicant's personal data must not cascade here.
    application_id uuid,
    -- The natural key of the event (application id, payout idempotency key): a retried activity
    -- appends the same (kind, reference) again and adds nothing.
    reference      varchar(128) not null,
    payload        jsonb        not null,
    recorded_at    timestamptz  not null,
    previous_hash  char(64)     not null,
    hash           char(64)     not null,
    constraint uq_audit_record_event unique (kind, reference)
);
create index ix_audit_record_application on audit_record (application_id, sequence);
create index ix_audit_record_recorded_at on audit_record (recorded_at);

-- Append-only in the database itself, whoever connects: a bug or a stolen application
-- credential cannot rewrite history without also disabling this trigger, which needs the table
-- owner (in production: a role the application does not have; see docs/security).
create function audit_record_refuse_change() returns trigger
    language plpgsql as $$
begin
    -- The plain raise_exception state: insufficient_privilege (42501) would be reported by
    -- Spring as "bad SQL grammar", which would send whoever reads the log the wrong way.
    raise exception 'audit_record is append-only: % refused', tg_op;
end;
$$;

create trigger audit_record_no_update_or_delete
    before update or delete on audit_record
    for each row execute function audit_record_refuse_change();

create trigger audit_record_no_truncate
    before truncate on audit_record
    for each statement execute function audit_record_refuse_change();
