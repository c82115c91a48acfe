package com.swiftlend.reconciliation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.StepExecution;

/**
 * The run key (channel and statement date) plus the execution it belongs to, read from the
 * job parameters. Every step derives it from its own StepExecution, so no state is carried in
 * memory from one step to the next.
 */
record ReconciliationRun(String channel, LocalDate statementDate, Path statementFile, long jobExecutionId) {

    static ReconciliationRun of(StepExecution stepExecution) {
        JobParameters parameters = stepExecution.getJobParameters();
        return new ReconciliationRun(
                parameters.getString(ReconciliationJobConfiguration.CHANNEL),
                LocalDate.parse(parameters.getString(ReconciliationJobConfiguration.STATEMENT_DATE)),
                Path.of(parameters.getString(ReconciliationJobConfiguration.STATEMENT_FILE)),
                stepExecution.getJobExecutionId());
    }

    /** Statements are cut at midnight UTC, whatever zone the servers run in. */
    OffsetDateTime dayStart() {
        return statementDate.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    OffsetDateTime dayEnd() {
        return dayStart().plusDays(1);
    }
}
