package com.swiftlend.records;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A real PostgreSQL 15 migrated by this module's own Flyway migrations. */
public final class LoanDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public LoanDatabase() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public DataSourceTransactionManager transactionManager() {
        return new DataSourceTransactionManager(dataSource);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager());
    }

    /** An application row for payouts to belong to. */
    public UUID application() {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into loan_application (id, idempotency_key, request_fingerprint, applicant_name, id_number,
                    phone, bank_card, device_id, client_ip, amount, term_days, status, current_step,
                    submitted_at, updated_at)
                values (?, ?, ?, 'x', 'x', 'x', 'x', 'device-1', '203.0.113.7', 1000, 30, 'DISBURSING', 'DISBURSING',
                    now(), now())""", id, "request-" + id, "0".repeat(64));
        return id;
    }

    /** A payout row as the payout activity writes it, in the given state. */
    public void payout(String key, UUID applicationId, String channel, String amount, String status) {
        jdbc.update("""
                insert into payout (idempotency_key, application_id, attempt, channel, amount, status, created_at,
                                    updated_at)
                values (?, ?, 1, ?, ?::numeric, ?, now(), now())""", key, applicationId, channel, amount, status);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
