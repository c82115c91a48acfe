package com.swiftlend.reconciliation;

import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.JobParametersIncrementer;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.JobParametersValidator;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.batch.item.database.JdbcBatchItemWriter;
import org.springframework.batch.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.item.file.FlatFileItemReader;
import org.springframework.batch.item.file.FlatFileParseException;
import org.springframework.batch.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The channel statement reconciliation job:
 * <ol>
 * <li>remove the previous result of the same channel and date,</li>
 * <li>match every statement line against our payouts (raising MISSING_IN_LEDGER, AMOUNT_MISMATCH,
 * STATUS_MISMATCH, UNPARSEABLE_LINE) and stage its key,</li>
 * <li>raise MISSING_IN_STATEMENT for our successful payouts of the day no staged line carries,</li>
 * <li>drop the staged lines.</li>
 * </ol>
 * Safe to be component-scanned by an application: it uses Spring Boot's batch infrastructure
 * (no {@code @EnableBatchProcessing}, which would switch Boot's off) and defines no data source
 * or transaction manager. An application including it must set {@code spring.batch.job.enabled=false},
 * or Boot runs the job at start-up without parameters; jobs are started through
 * {@link ReconciliationLauncher}.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationJobConfiguration {

    static final String JOB_NAME = "channelStatementReconciliation";
    static final String CHANNEL = "channel";
    static final String STATEMENT_DATE = "statementDate";
    static final String STATEMENT_FILE = "statementFile";
    static final String RUN_ID = "run.id";

    // Large enough to amortise the commit, small enough that a failed chunk is cheap to redo.
    private static final int CHUNK_SIZE = 500;
    // The width of payout.channel.
    private static final int MAX_CHANNEL_LENGTH = 32;

    private static final String STAGE_LINE = """
            insert into reconciliation_statement_line
                   (job_execution_id, idempotency_key, line_number, payout_id, amount, currency, status, processed_at)
            values (:jobExecutionId, :idempotencyKey, :lineNumber, :payoutId, :amount, :currency, :status, :processedAt)
            on conflict (job_execution_id, idempotency_key) do nothing""";

    // Upsert: a key repeated in one statement, or a step restarted after a partial commit,
    // updates the discrepancy already raised instead of failing on the unique constraint.
    private static final String RAISE_DISCREPANCY = """
            insert into reconciliation_discrepancy
                   (channel, statement_date, kind, idempotency_key, statement_line, statement_amount,
                    ledger_amount, statement_status, ledger_status, detail, job_execution_id, raised_at)
            values (:channel, :statementDate, :kind, :idempotencyKey, :statementLine, :statementAmount,
                    :ledgerAmount, :statementStatus, :ledgerStatus, :detail, :jobExecutionId, now())
            on conflict (channel, statement_date, kind, idempotency_key) do update
               set statement_line = excluded.statement_line, statement_amount = excluded.statement_amount,
                   ledger_amount = excluded.ledger_amount, statement_status = excluded.statement_status,
                   ledger_status = excluded.ledger_status, detail = excluded.detail,
                   job_execution_id = excluded.job_execution_id, raised_at = excluded.raised_at""";

    @Bean(JOB_NAME)
    Job channelStatementReconciliation(JobRepository jobRepository,
            @Qualifier("reconciliationRemovePreviousResultStep") Step removePreviousResult,
            @Qualifier("reconciliationMatchStatementLinesStep") Step matchStatementLines,
            @Qualifier("reconciliationRaiseMissingInStatementStep") Step raiseMissingInStatement,
            @Qualifier("reconciliationCleanStagingStep") Step cleanStaging) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(statementParametersValidator())
                .incrementer(newRunIncrementer())
                .start(removePreviousResult)
                .next(matchStatementLines)
                .next(raiseMissingInStatement)
                .next(cleanStaging)
                .build();
    }

    @Bean
    ReconciliationLauncher reconciliationLauncher(JobLauncher jobLauncher, @Qualifier(JOB_NAME) Job job,
            NamedParameterJdbcTemplate jdbc) {
        return new ReconciliationLauncher(jobLauncher, job, jdbc);
    }

    // Every step may run again in a restarted execution: each one is idempotent, and step 2
    // only sees the lines staged by its own execution, so step 1 must stage them again.
    @Bean
    Step reconciliationRemovePreviousResultStep(JobRepository jobRepository,
            PlatformTransactionManager transactionManager, NamedParameterJdbcTemplate jdbc) {
        return new StepBuilder("removePreviousResult", jobRepository)
                .tasklet(new PreviousResultRemover(jdbc), transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step reconciliationMatchStatementLinesStep(JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            @Qualifier("reconciliationStatementReader") FlatFileItemReader<StatementLine> reader,
            @Qualifier("reconciliationStatementLineReconciler") StatementLineReconciler reconciler,
            @Qualifier("reconciliationLineWriter") ReconciledLineWriter writer,
            @Qualifier("reconciliationUnparseableLineRecorder") UnparseableLineRecorder unparseableLines) {
        // Only a line the reader could not parse is skipped; a database error still fails the step.
        SkipPolicy skipUnparseableLines = (failure, skipCount) -> failure instanceof FlatFileParseException;
        return new StepBuilder("matchStatementLines", jobRepository)
                .<StatementLine, ReconciledLine>chunk(CHUNK_SIZE, transactionManager)
                .reader(reader)
                .processor(reconciler)
                .writer(writer)
                .faultTolerant()
                .skipPolicy(skipUnparseableLines)
                .listener(unparseableLines)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step reconciliationRaiseMissingInStatementStep(JobRepository jobRepository,
            PlatformTransactionManager transactionManager, NamedParameterJdbcTemplate jdbc) {
        return new StepBuilder("raiseMissingInStatement", jobRepository)
                .tasklet(new MissingInStatementRaiser(jdbc), transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step reconciliationCleanStagingStep(JobRepository jobRepository,
            PlatformTransactionManager transactionManager, NamedParameterJdbcTemplate jdbc) {
        return new StepBuilder("cleanStaging", jobRepository)
                .tasklet(new StagingCleaner(jdbc), transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    FlatFileItemReader<StatementLine> reconciliationStatementReader(
            @Value("#{jobParameters['" + STATEMENT_FILE + "']}") String statementFile) {
        StatementLineMapper mapper = new StatementLineMapper();
        return new FlatFileItemReaderBuilder<StatementLine>()
                .name("statementReader")
                .resource(new FileSystemResource(statementFile))
                .linesToSkip(1)
                .skippedLinesCallback(mapper)
                .lineMapper(mapper)
                // A missing file fails the job instead of reconciling an empty statement.
                .strict(true)
                // Restarts read the file from the start: the lines must be staged again anyway.
                .saveState(false)
                .build();
    }

    @Bean
    @StepScope
    StatementLineReconciler reconciliationStatementLineReconciler(
            @Value("#{stepExecution}") StepExecution stepExecution, NamedParameterJdbcTemplate jdbc) {
        return new StatementLineReconciler(ReconciliationRun.of(stepExecution), jdbc);
    }

    @Bean
    @StepScope
    ReconciledLineWriter reconciliationLineWriter(
            @Qualifier("reconciliationStagingWriter") JdbcBatchItemWriter<StatementLine> stagingWriter,
            @Qualifier("reconciliationDiscrepancyWriter") JdbcBatchItemWriter<Discrepancy> discrepancyWriter) {
        return new ReconciledLineWriter(stagingWriter, discrepancyWriter);
    }

    @Bean
    @StepScope
    UnparseableLineRecorder reconciliationUnparseableLineRecorder(
            @Qualifier("reconciliationDiscrepancyWriter") JdbcBatchItemWriter<Discrepancy> discrepancyWriter) {
        return new UnparseableLineRecorder(discrepancyWriter);
    }

    @Bean
    @StepScope
    JdbcBatchItemWriter<StatementLine> reconciliationStagingWriter(
            @Value("#{stepExecution}") StepExecution stepExecution, NamedParameterJdbcTemplate jdbc) {
        long jobExecutionId = stepExecution.getJobExecutionId();
        return new JdbcBatchItemWriterBuilder<StatementLine>()
                .namedParametersJdbcTemplate(jdbc)
                .sql(STAGE_LINE)
                .itemSqlParameterSourceProvider(line -> new MapSqlParameterSource()
                        .addValue("jobExecutionId", jobExecutionId)
                        .addValue("idempotencyKey", line.idempotencyKey())
                        .addValue("lineNumber", line.lineNumber())
                        .addValue("payoutId", line.payoutId(), Types.VARCHAR)
                        .addValue("amount", line.amount())
                        .addValue("currency", line.currency())
                        .addValue("status", line.status().name())
                        .addValue("processedAt", line.processedAt().atOffset(ZoneOffset.UTC)))
                // A repeated key inserts nothing; that is expected, not a lost write.
                .assertUpdates(false)
                .build();
    }

    @Bean
    @StepScope
    JdbcBatchItemWriter<Discrepancy> reconciliationDiscrepancyWriter(
            @Value("#{stepExecution}") StepExecution stepExecution, NamedParameterJdbcTemplate jdbc) {
        ReconciliationRun run = ReconciliationRun.of(stepExecution);
        return new JdbcBatchItemWriterBuilder<Discrepancy>()
                .namedParametersJdbcTemplate(jdbc)
                .sql(RAISE_DISCREPANCY)
                .itemSqlParameterSourceProvider(discrepancy -> new MapSqlParameterSource()
                        .addValue("channel", run.channel())
                        .addValue("statementDate", run.statementDate())
                        .addValue("kind", discrepancy.kind().name())
                        .addValue("idempotencyKey", discrepancy.idempotencyKey())
                        .addValue("statementLine", discrepancy.statementLine(), Types.INTEGER)
                        .addValue("statementAmount", discrepancy.statementAmount(), Types.NUMERIC)
                        .addValue("ledgerAmount", discrepancy.ledgerAmount(), Types.NUMERIC)
                        .addValue("statementStatus", discrepancy.statementStatus(), Types.VARCHAR)
                        .addValue("ledgerStatus", discrepancy.ledgerStatus(), Types.VARCHAR)
                        .addValue("detail", discrepancy.detail(), Types.VARCHAR)
                        .addValue("jobExecutionId", run.jobExecutionId()))
                .build();
    }

    /** Rejects a bad launch before anything is written, whichever way the job is started. */
    private static JobParametersValidator statementParametersValidator() {
        return parameters -> {
            if (parameters == null) {
                throw new JobParametersInvalidException("channel, statementDate and statementFile are required");
            }
            String channel = parameters.getString(CHANNEL);
            if (channel == null || channel.isBlank() || channel.length() > MAX_CHANNEL_LENGTH) {
                throw new JobParametersInvalidException("channel must be 1 to " + MAX_CHANNEL_LENGTH + " characters");
            }
            String statementFile = parameters.getString(STATEMENT_FILE);
            if (statementFile == null || statementFile.isBlank()) {
                throw new JobParametersInvalidException("statementFile is required");
            }
            String statementDate = parameters.getString(STATEMENT_DATE);
            try {
                LocalDate.parse(statementDate == null ? "" : statementDate);
            } catch (DateTimeParseException e) {
                throw new JobParametersInvalidException("statementDate must be yyyy-MM-dd, was " + statementDate);
            }
        };
    }

    /**
     * Every launch is a new job instance: re-running a channel and date is a normal operation
     * (a corrected statement, a fixed ledger), and the first step replaces the previous result.
     * A random id rather than a counter, because two application instances may launch at once.
     */
    private static JobParametersIncrementer newRunIncrementer() {
        return previous -> new JobParametersBuilder(previous)
                .addString(RUN_ID, UUID.randomUUID().toString())
                .toJobParameters();
    }
}
