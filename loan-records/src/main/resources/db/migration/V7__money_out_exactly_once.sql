-- Money out exactly once (issue 7): explicit payout states, a channel registry with health,
-- capital partners with daily quotas, and a double-entry ledger written in the same transaction
-- as the payout state it records.

-- Payout states. SENDING meant both "never sent" and "sent, outcome unknown"; a row a previous
-- version left in SENDING may have reached the channel, so it becomes SENT_UNCONFIRMED (in doubt,
-- resolved only by the same channel for the same key). FAILED was always the channel's decline.
alter table payout drop constraint payout_status_check;
update payout set status = 'SENT_UNCONFIRMED' where status = 'SENDING';
update payout set status = 'DECLINED' where status = 'FAILED';
alter table payout
    alter column status type varchar(24),
    add constraint payout_status_check check (status in (
        'CLAIMED', 'SENT_UNCONFIRMED', 'PENDING_AT_CHANNEL', 'SUCCEEDED', 'DECLINED', 'PROVEN_NOT_SENT')),
    add column currency char(3) not null default 'CNY',
    add column funder varchar(32),
    add column fee numeric(12, 2),
    -- When the request first may have left (SENT_UNCONFIRMED), and when the channel's answer made
    -- it final: the difference is the channel's measured latency.
    add column sent_at timestamptz,
    add column settled_at timestamptz,
    -- Only a decline the borrower's account causes (a blocked card) stops failover.
    add column beneficiary_decline boolean not null default false;
-- The operator queue and the stale-row sweep look for payouts by state.
create index ix_payout_status on payout (status, updated_at);

-- The status shows payout.state (a PayoutState) where it showed payout.status.
update loan_application
   set payout = (payout - 'status') || jsonb_build_object('state',
       case payout->>'status' when 'NOT_FOUND' then 'PROVEN_NOT_SENT' else payout->>'status' end)
 where payout is not null and payout ? 'status';
alter table loan_application
    add column funding jsonb,
    add column routing jsonb;

-- The payment channels we can pay out through: their terms (business data, kept here) and their
-- measured health. Endpoints and timeouts are deployment configuration (swiftlend.payments.channels).
create table payment_channel (
    name                 varchar(32)    primary key,
    kind                 varchar(24)    not null check (kind in ('INSTANT_EACCOUNT', 'BANK_TRANSFER', 'MANUAL')),
    currency             char(3)        not null default 'CNY',
    fixed_fee            numeric(12, 2) not null default 0 check (fixed_fee >= 0),
    fee_rate             numeric(8, 6)  not null default 0 check (fee_rate >= 0),
    min_amount           numeric(12, 2) not null default 0.01,
    max_amount           numeric(12, 2) not null,
    daily_limit          numeric(14, 2) not null,
    -- Local opening hours (Asia/Shanghai); both null: always open.
    opens_at             time,
    closes_at            time,
    expected_seconds_to_funds integer   not null check (expected_seconds_to_funds >= 0),
    -- How long after a request the channel may still process it: a lookup that finds nothing
    -- proves "not paid" only after this window (the channel's documented idempotency window).
    in_doubt_window_seconds integer     not null default 900,
    -- HEALTHY, DEGRADED (by the health checks) or DISABLED (by an operator).
    state                varchar(16)    not null default 'HEALTHY' check (state in ('HEALTHY', 'DEGRADED', 'DISABLED')),
    state_reason         varchar(64),
    consecutive_healthy  integer        not null default 0,
    -- The channel's own answer at the last check, before our holds.
    reported_balance     numeric(14, 2),
    success_rate         double precision not null default 1.0,
    p95_latency_ms       bigint,
    last_checked_at      timestamptz,
    updated_at           timestamptz    not null default now()
);

insert into payment_channel (name, kind, fixed_fee, fee_rate, max_amount, daily_limit, expected_seconds_to_funds,
                             in_doubt_window_seconds, opens_at, closes_at)
values ('swiftpay', 'INSTANT_EACCOUNT', 1.00, 0.001000, 20000.00, 5000000.00, 5, 900, null, null),
       ('bankwire', 'BANK_TRANSFER', 2.00, 0.000500, 50000.00, 20000000.00, 60, 900, null, null),
       ('manual-desk', 'MANUAL', 10.00, 0.000000, 50000.00, 2000000.00, 1800, 86400, null, null);

-- An amount a payout attempt holds on its channel's balance from its claim until it settles:
-- available = reported balance - active holds. Released when the attempt is declined or proven
-- not sent; consumed when it succeeds (the channel's next balance report includes it).
create table channel_balance_hold (
    idempotency_key varchar(100)   primary key references payout (idempotency_key),
    channel         varchar(32)    not null references payment_channel (name),
    amount          numeric(12, 2) not null check (amount > 0),
    state           varchar(16)    not null check (state in ('HELD', 'CONSUMED', 'RELEASED')),
    created_at      timestamptz    not null,
    updated_at      timestamptz    not null
);
create index ix_channel_balance_hold_active on channel_balance_hold (channel) where state = 'HELD';

-- Capital partners (资方). Eligibility: amount and term ranges, provinces (null: all), segments
-- (null: all). Endpoints are configuration (swiftlend.funding.funders).
create table funder (
    name          varchar(32)    primary key,
    annual_price  numeric(6, 4)  not null check (annual_price >= 0),
    daily_quota   numeric(14, 2) not null check (daily_quota >= 0),
    min_amount    numeric(12, 2) not null,
    max_amount    numeric(12, 2) not null,
    min_term_days integer        not null,
    max_term_days integer        not null,
    regions       varchar(2)[],
    segments      varchar(16)[],
    enabled       boolean        not null default true
);

insert into funder (name, annual_price, daily_quota, min_amount, max_amount, min_term_days, max_term_days, regions)
values ('harbor-capital', 0.0650, 2000000.00, 100.00, 20000.00, 7, 180, null),
       ('jade-trust', 0.0780, 10000000.00, 100.00, 50000.00, 7, 365, null);

-- Each funder's quota use per business day (Asia/Shanghai). A reservation is one conditional
-- UPDATE of this row (reserved + consumed + amount <= quota), so concurrent reservations
-- serialise on the row lock and never oversubscribe.
create table funder_quota_day (
    funder   varchar(32)    not null references funder (name),
    day      date           not null,
    reserved numeric(14, 2) not null default 0 check (reserved >= 0),
    consumed numeric(14, 2) not null default 0 check (consumed >= 0),
    primary key (funder, day)
);

create table funding_reservation (
    application_id uuid           not null references loan_application (id),
    funder         varchar(32)    not null references funder (name),
    day            date           not null,
    amount         numeric(12, 2) not null check (amount > 0),
    state          varchar(16)    not null check (state in ('RESERVED', 'CONSUMED', 'RELEASED')),
    funder_answer  varchar(16),
    funder_reference varchar(64),
    reason         varchar(64),
    created_at     timestamptz    not null,
    updated_at     timestamptz    not null,
    primary key (application_id, funder)
);

-- The double-entry ledger. Accounts are named '<type>:<owner>':
--   loans-receivable:<funder>   what borrowers owe on loans that funder funded (asset)
--   channel-clearing:<channel>  money sent through the channel, to be matched by its statement
--   funder-payable:<funder>     the funder's capital we drew for its loans (liability)
--   fees:<channel>              what the channel charged (expense)
create table ledger_account (
    name       varchar(64) primary key,
    type       varchar(24) not null check (type in ('LOANS_RECEIVABLE', 'CHANNEL_CLEARING', 'FUNDER_PAYABLE', 'FEES')),
    created_at timestamptz not null default now()
);

-- One journal entry per money movement, keyed by what caused it ('<payout key>' for the
-- principal, '<payout key>:fee', '<payout key>:funding'), so a retried activity never posts twice.
-- Two-phase, as TigerBeetle's transfers: an entry is PENDING while its payout is in doubt and
-- becomes POSTED or VOIDED; a POSTED or VOIDED entry never changes again.
create table journal_entry (
    id              bigint         generated always as identity primary key,
    entry_key       varchar(128)   not null unique,
    kind            varchar(16)    not null check (kind in ('PRINCIPAL', 'FEE', 'FUNDING')),
    application_id  uuid           not null,
    idempotency_key varchar(100)   not null,
    state           varchar(16)    not null check (state in ('PENDING', 'POSTED', 'VOIDED')),
    currency        char(3)        not null,
    created_at      timestamptz    not null,
    updated_at      timestamptz    not null
);
create index ix_journal_entry_payout on journal_entry (idempotency_key);

-- Postings: debit positive, credit negative; an entry's postings sum to zero (checked by the
-- trigger below at commit and by the trial balance).
create table journal_posting (
    entry_id bigint         not null references journal_entry (id),
    account  varchar(64)    not null references ledger_account (name),
    amount   numeric(14, 2) not null check (amount <> 0),
    primary key (entry_id, account)
);

create function journal_entry_must_balance() returns trigger
    language plpgsql as $$
declare
    total numeric;
begin
    select coalesce(sum(amount), 0) into total from journal_posting where entry_id = new.entry_id;
    if total <> 0 then
        raise exception 'journal entry % does not balance: postings sum to %', new.entry_id, total;
    end if;
    return null;
end;
$$;

create constraint trigger journal_posting_balances
    after insert or update on journal_posting
    deferrable initially deferred
    for each row execute function journal_entry_must_balance();

-- Postings are immutable: a correction is a new entry, never an edit.
create function journal_posting_refuse_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'journal_posting is append-only: % refused', tg_op;
end;
$$;

create trigger journal_posting_no_update_or_delete
    before update or delete on journal_posting
    for each row execute function journal_posting_refuse_change();
