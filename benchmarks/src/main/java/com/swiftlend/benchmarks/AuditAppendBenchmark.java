package com.swiftlend.benchmarks;

import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One append to the hash-chained audit trail, as every consent, decision and money movement makes
 * it: its own transaction, the chain's advisory lock, the duplicate check, the previous hash, the
 * insert and a commit that is on disk (PostgreSQL with fsync and synchronous commit on, as the
 * embedded default runs it). Sixteen threads over a pool of ten connections, the product's
 * default pool, so the lock is contended the way a loaded worker contends it. SampleTime gives
 * the percentiles, and the sample count over the measured time the appends per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(16)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class AuditAppendBenchmark {

    private EmbeddedPostgres postgres;
    private HikariDataSource pool;
    private AnnotationConfigApplicationContext context;
    private AuditTrail audit;

    @Setup(Level.Trial)
    public void start() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load()
                .migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        pool = new HikariDataSource(config);
        context = new AnnotationConfigApplicationContext();
        context.registerBean(JdbcTemplate.class, () -> new JdbcTemplate(pool));
        context.registerBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(pool));
        context.register(AuditTrail.class);
        context.refresh();
        audit = context.getBean(AuditTrail.class);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        context.close();
        pool.close();
        postgres.close();
    }

    /** A decision record, the largest kind an application appends. */
    @Benchmark
    public boolean appendDecision() {
        UUID application = UUID.randomUUID();
        return audit.append(new AuditEvent.Decision(application, "0".repeat(64),
                List.of(new AuditEvent.RiskSourceResult("CREDIT_BUREAU", "OK", null),
                        new AuditEvent.RiskSourceResult("ANTI_FRAUD", "OK", null),
                        new AuditEvent.RiskSourceResult("BLACKLIST", "CLEAR", null),
                        new AuditEvent.RiskSourceResult("DEVICE", "OK", null),
                        new AuditEvent.RiskSourceResult("VELOCITY", "OK", null)),
                "credit-risk-placeholder-v1", 0.08, "loan-decision-v1", "APPROVED", List.of("APPROVED_BY_RULES"),
                new BigDecimal("2000"), 30, new BigDecimal("2000"), new BigDecimal("0.18")));
    }
}
