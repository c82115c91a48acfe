-- Personal data at rest (issue 4): ID number, bank card, phone and name are stored as AES-256-GCM
-- ciphertext (data-protection's FieldEncryption, "v1.<key version>.<base64url>"), and looked up
-- by blind index (HMAC-SHA-256 under its own key), never by plaintext. PIPL art. 51 and GB/T
-- 35273-2020 6.3 ask for personal sensitive information (ID and account numbers) to be stored
-- encrypted.
--
-- Rows written before this migration keep their plaintext until the re-encryption job
-- (FieldKeyRotation, run once after every start-up) encrypts them, fills their indexes and empties
-- the legacy blacklist columns; SQL cannot do it, as the keys live outside the database.

-- loan_application.request_fingerprint is, from now on, an HMAC of the canonical request under the
-- blind-index key (the body holds the identifiers). Fingerprints stored before were plain SHA-256;
-- replaying such a request with its old Idempotency-Key answers 409.

-- Data keys, wrapped by the key-encryption key of the KMS (envelope encryption). The wrapped key
-- is bound to 'data-key/<purpose>/<version>' as associated data; kms_key_id names the KEK.
create table data_key (
    purpose     varchar(32)  not null check (purpose in ('FIELD', 'BLIND_INDEX', 'PAYLOAD')),
    version     integer      not null check (version > 0),
    kms_key_id  varchar(512) not null,
    wrapped_key bytea        not null,
    created_at  timestamptz  not null default now(),
    primary key (purpose, version)
);

-- Ciphertext is longer than the plaintext (nonce, tag, base64, prefix) and its length must not
-- constrain what the API accepts.
alter table loan_application
    alter column applicant_name type text,
    alter column id_number type text,
    alter column phone type text,
    alter column bank_card type text,
    add column id_number_index char(64),
    add column phone_index char(64);
-- Duplicate and velocity lookups by applicant.
create index ix_loan_application_id_number_index on loan_application (id_number_index);
create index ix_loan_application_phone_index on loan_application (phone_index);

-- The blacklist keeps no identifier at all, only its blind index. Existing plaintext is moved to
-- legacy_* columns that the re-encryption job indexes and empties; a later migration drops them.
alter table blacklist_entry drop constraint ck_blacklist_identifier;
drop index ix_blacklist_id_number;
drop index ix_blacklist_phone;
alter table blacklist_entry rename column id_number to legacy_id_number;
alter table blacklist_entry rename column phone to legacy_phone;
alter table blacklist_entry
    add column id_number_index char(64),
    add column phone_index char(64),
    add constraint ck_blacklist_identifier check (id_number_index is not null or phone_index is not null
        or legacy_id_number is not null or legacy_phone is not null);
create index ix_blacklist_id_number_index on blacklist_entry (id_number_index);
create index ix_blacklist_phone_index on blacklist_entry (phone_index);
