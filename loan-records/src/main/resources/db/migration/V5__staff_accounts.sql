-- Staff who sign in with a password: operators (manual review, channels, discrepancies) and rule
-- editors (decision tables, models). Borrowers have no row here: they sign in with a one-time
-- code sent to their phone.
create table staff_account (
    username      varchar(64)  primary key,
    -- A Spring Security DelegatingPasswordEncoder string ({bcrypt}...), so the algorithm can be
    -- strengthened later without a migration: old hashes keep verifying.
    password_hash varchar(200) not null,
    -- Comma-separated role names, e.g. OPERATOR or RULE_EDITOR.
    roles         varchar(200) not null,
    created_at    timestamptz  not null default now()
);
