package com.swiftlend.reconciliation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Starts a reconciliation of one channel's statement for one day, synchronously on the calling
 * thread (Boot's default job launcher). The entry point for schedules and endpoints.
 */
public class ReconciliationLauncher {

    private static final String COUNT_DISCREPANCIES =
            "select count(*) from reconciliation_discrepancy where channel = :channel and statement_date = :statementDate";

    private final JobLauncher jobLauncher;
    private final Job job;
    private final NamedParameterJdbcTemplate jdbc;

    ReconciliationLauncher(JobLauncher jobLauncher, Job job, NamedParameterJdbcTemplate jdbc) {
        this.jobLauncher = jobLauncher;
        this.job = job;
        this.jdbc = jdbc;
    }

    /**
     * Reconciles {@code statementFile} against our payouts on {@code channel} for {@code date}
     * (UTC), replacing any earlier result for that channel and date.
     *
     * @throws JobExecutionException if the job could not be started (invalid parameters, say);
     *         a job that starts and then fails is reported through the returned status instead
     */
    public ReconciliationResult run(String channel, LocalDate date, Path statementFile) throws JobExecutionException {
        JobParameters parameters = new JobParametersBuilder()
                .addString(ReconciliationJobConfiguration.CHANNEL, channel)
                .addString(ReconciliationJobConfiguration.STATEMENT_DATE, date.toString())
                .addString(ReconciliationJobConfiguration.STATEMENT_FILE, statementFile.toAbsolutePath().toString())
                .toJobParameters();
        JobExecution execution = jobLauncher.run(job, job.getJobParametersIncrementer().getNext(parameters));
        Long discrepancies = jdbc.queryForObject(COUNT_DISCREPANCIES,
                Map.of("channel", channel, "statementDate", date), Long.class);
        return new ReconciliationResult(execution.getId(), execution.getStatus(),
                discrepancies == null ? 0 : discrepancies);
    }

    /**
     * How a run ended and how many discrepancies its channel and date now have (after a failed
     * run, those the run got to before failing).
     */
    public record ReconciliationResult(long jobExecutionId, BatchStatus status, long discrepancyCount) {
    }
}
