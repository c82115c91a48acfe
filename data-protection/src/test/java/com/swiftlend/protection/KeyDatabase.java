package com.swiftlend.protection;

import com.swiftlend.protection.keys.DataKeyRing;
import com.swiftlend.protection.kms.KeyManagementService;
import com.swiftlend.protection.kms.LocalKeyManagementService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A real PostgreSQL 15 holding the {@code data_key} table exactly as loan-records' V4 creates it. */
public final class KeyDatabase implements AutoCloseable {

    /** The DDL of {@code V4__personal_data_protection.sql}; data-protection cannot depend on loan-records. */
    private static final String DATA_KEY_DDL = """
            create table data_key (
                purpose     varchar(32)  not null check (purpose in ('FIELD', 'BLIND_INDEX', 'PAYLOAD')),
                version     integer      not null check (version > 0),
                kms_key_id  varchar(512) not null,
                wrapped_key bytea        not null,
                created_at  timestamptz  not null default now(),
                primary key (purpose, version)
            )""";

    private final EmbeddedPostgres postgres;
    private final JdbcTemplate jdbc;

    public KeyDatabase() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        jdbc.execute(DATA_KEY_DDL);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** A key ring as one process would hold it, under the given KEK. */
    public DataKeyRing ring(KeyManagementService kms) {
        return new DataKeyRing(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), kms, Clock.systemUTC(),
                Duration.ofMinutes(1));
    }

    public static KeyManagementService newKms() {
        return new LocalKeyManagementService(Base64.getDecoder().decode(LocalKeyManagementService.newEncodedKey()));
    }

    public void reset() {
        jdbc.execute("truncate data_key");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
