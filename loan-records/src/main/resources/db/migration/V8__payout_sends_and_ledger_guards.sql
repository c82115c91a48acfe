-- Payout sends and ledger guards (issue 7).

-- How many times the request of a payout may have left for its channel. A refusal (503, refused
-- connection) proves "not sent" only when it answers the first and only send: after an earlier
-- send whose answer we never read, the channel may hold that one. A row an earlier version left
-- SENDING (now SENT_UNCONFIRMED) may have been sent any number of times: it counts as sent once,
-- so no refusal of a later resend can prove it unsent.
-- The in-doubt window runs from the last send (a resend may still be in flight after the first's
-- window has passed), so that time is kept too.
alter table payout
    add column send_count integer not null default 0 check (send_count >= 0),
    add column last_sent_at timestamptz;
update payout set send_count = 1, sent_at = coalesce(sent_at, updated_at), last_sent_at = coalesce(sent_at, updated_at)
 where status <> 'CLAIMED';

-- A journal entry moves only PENDING -> POSTED or PENDING -> VOIDED, and what it records (its
-- key, kind, payout, currency) never changes; entries are never deleted. The ledger code refuses
-- the same, but the books must hold even against a hand-written UPDATE.
create function journal_entry_guard() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'journal_entry % may not be deleted', old.entry_key;
    end if;
    if new.entry_key <> old.entry_key or new.kind <> old.kind or new.application_id <> old.application_id
            or new.idempotency_key <> old.idempotency_key or new.currency <> old.currency
            or new.created_at <> old.created_at then
        raise exception 'journal_entry % may change only its state', old.entry_key;
    end if;
    if new.state <> old.state and not (old.state = 'PENDING' and new.state in ('POSTED', 'VOIDED')) then
        raise exception 'journal_entry % may not move from % to %', old.entry_key, old.state, new.state;
    end if;
    return new;
end;
$$;

create trigger journal_entry_state_moves_once
    before update or delete on journal_entry
    for each row execute function journal_entry_guard();

-- The books start with every payout recorded before the ledger existed, so the trial balance
-- holds from the first day: the principal of each (POSTED when it succeeded, VOIDED when it was
-- declined, PENDING while in doubt), and for a success the funding it drew. Their fees were never
-- recorded; the channels' statements hold them.
insert into ledger_account (name, type)
select distinct 'loans-receivable:' || coalesce(funder, 'unassigned'), 'LOANS_RECEIVABLE' from payout
union select distinct 'funder-payable:' || coalesce(funder, 'unassigned'), 'FUNDER_PAYABLE' from payout
union select distinct 'channel-clearing:' || channel, 'CHANNEL_CLEARING' from payout
on conflict (name) do nothing;

insert into journal_entry (entry_key, kind, application_id, idempotency_key, state, currency, created_at, updated_at)
select idempotency_key, 'PRINCIPAL', application_id, idempotency_key,
       case status when 'SUCCEEDED' then 'POSTED' when 'DECLINED' then 'VOIDED'
                   when 'PROVEN_NOT_SENT' then 'VOIDED' else 'PENDING' end,
       currency, created_at, updated_at
  from payout
union all
select idempotency_key || ':funding', 'FUNDING', application_id, idempotency_key, 'POSTED', currency, created_at,
       updated_at
  from payout where status = 'SUCCEEDED'
on conflict (entry_key) do nothing;

insert into journal_posting (entry_id, account, amount)
select e.id, 'loans-receivable:' || coalesce(p.funder, 'unassigned'), p.amount
  from journal_entry e join payout p on p.idempotency_key = e.idempotency_key where e.kind = 'PRINCIPAL'
union all
select e.id, 'channel-clearing:' || p.channel, -p.amount
  from journal_entry e join payout p on p.idempotency_key = e.idempotency_key where e.kind = 'PRINCIPAL'
union all
select e.id, 'channel-clearing:' || p.channel, p.amount
  from journal_entry e join payout p on p.idempotency_key = e.idempotency_key where e.kind = 'FUNDING'
union all
select e.id, 'funder-payable:' || coalesce(p.funder, 'unassigned'), -p.amount
  from journal_entry e join payout p on p.idempotency_key = e.idempotency_key where e.kind = 'FUNDING'
on conflict do nothing;

-- A discrepancy names our payout's state, and PENDING_AT_CHANNEL is longer than the old states.
alter table reconciliation_discrepancy alter column ledger_status type varchar(24);
