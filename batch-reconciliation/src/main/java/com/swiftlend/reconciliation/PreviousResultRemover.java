package com.swiftlend.reconciliation;

import java.util.Map;

import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * First step: a run replaces the result of any earlier run for the same channel and date.
 * Deleting (rather than only upserting) means a discrepancy fixed since the last run, say a
 * payout corrected in the ledger or a statement re-issued, disappears instead of lingering.
 */
class PreviousResultRemover implements Tasklet {

    private static final String DELETE_DISCREPANCIES =
            "delete from reconciliation_discrepancy where channel = :channel and statement_date = :statementDate";

    // Staging rows of executions that ended without their cleanup step (a crash or a failure).
    // Running executions, including this one, have no end time and keep theirs.
    private static final String DELETE_ABANDONED_STAGING = """
            delete from reconciliation_statement_line s
             where not exists (select 1 from batch_job_execution e
                                where e.job_execution_id = s.job_execution_id and e.end_time is null)""";

    private final NamedParameterJdbcTemplate jdbc;

    PreviousResultRemover(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ReconciliationRun run = ReconciliationRun.of(contribution.getStepExecution());
        int removed = jdbc.update(DELETE_DISCREPANCIES,
                Map.of("channel", run.channel(), "statementDate", run.statementDate()));
        jdbc.update(DELETE_ABANDONED_STAGING, Map.of());
        contribution.incrementWriteCount(removed);
        return RepeatStatus.FINISHED;
    }
}
