-- Borrowers who sign in with an identity provider instead of our one-time codes: the provider's
-- (issuer, subject) names a borrower, known here, as everywhere, by the blind index of their phone.
-- The principal never depends on a claim only this system issues.
create table borrower_identity (
    issuer      varchar(255) not null,
    subject     varchar(255) not null,
    phone_index char(64)     not null,
    created_at  timestamptz  not null default now(),
    primary key (issuer, subject)
);
