package com.swiftlend.reconciliation;

import java.util.Map;

import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Last step: the staged lines served step 2 only; the discrepancies keep what matters. */
class StagingCleaner implements Tasklet {

    private static final String DELETE_STAGING =
            "delete from reconciliation_statement_line where job_execution_id = :jobExecutionId";

    private final NamedParameterJdbcTemplate jdbc;

    StagingCleaner(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long jobExecutionId = contribution.getStepExecution().getJobExecutionId();
        jdbc.update(DELETE_STAGING, Map.of("jobExecutionId", jobExecutionId));
        return RepeatStatus.FINISHED;
    }
}
