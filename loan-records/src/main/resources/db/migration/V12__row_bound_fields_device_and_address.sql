-- Issue 9: personal data bound to its row, and the applicant's device and address protected too.
--
-- From now on every encrypted value is "v2.<key version>.<base64url>", its AES-GCM associated data
-- naming table, column and row id (FieldCell), so a ciphertext copied into another row fails
-- authentication. Values written before ("v1.", bound to the column only) and the plaintext
-- device_id and client_ip below are refused outside migration mode
-- (swiftlend.protection.migration-mode): an upgrade starts once in migration mode, the
-- re-encryption job (FieldKeyRotation, run after every start-up) rewrites every row and fills the
-- new indexes, and the next start leaves migration mode. SQL cannot do it: the keys live outside
-- the database.
--
-- Device id and client IP are personal information (PIPL art. 4): kept as ciphertext for
-- evidence and as blind indexes for velocity and fraud lookups.
alter table loan_application
    alter column device_id type text,
    alter column client_ip type text,
    add column device_id_index char(64),
    add column client_ip_index char(64);
create index ix_loan_application_device_id_index on loan_application (device_id_index);
create index ix_loan_application_client_ip_index on loan_application (client_ip_index);
