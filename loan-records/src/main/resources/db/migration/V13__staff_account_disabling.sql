-- Issue 9: a staff account can be disabled (someone left, a password leaked). A disabled account
-- cannot sign in, and every token it holds stops working: tokens carry the account's generation,
-- disabling raises it, and each process refuses a staff token of an older generation (the current
-- one is published to Redis for the tokens' lifetime, so the check costs no SQL).
alter table staff_account
    add column disabled_at      timestamptz,
    add column token_generation integer not null default 0;
