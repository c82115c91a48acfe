package com.swiftlend.reconciliation;

import java.util.Map;

import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Second step: our SUCCEEDED payouts on the channel, last updated on the statement day (UTC),
 * whose key no line of this execution's statement carried. One set-based statement, so the
 * step is a single transaction however many payouts the day had.
 */
class MissingInStatementRaiser implements Tasklet {

    private static final String RAISE = """
            insert into reconciliation_discrepancy
                   (channel, statement_date, kind, idempotency_key, ledger_amount, ledger_status,
                    detail, job_execution_id, raised_at)
            select p.channel, :statementDate, 'MISSING_IN_STATEMENT', p.idempotency_key, p.amount, p.status,
                   'succeeded at ' || to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                       || ' but not on the statement',
                   :jobExecutionId, now()
              from payout p
             where p.channel = :channel
               and p.status = 'SUCCEEDED'
               and p.updated_at >= :dayStart and p.updated_at < :dayEnd
               and not exists (select 1 from reconciliation_statement_line s
                                where s.job_execution_id = :jobExecutionId
                                  and s.idempotency_key = p.idempotency_key)
            on conflict (channel, statement_date, kind, idempotency_key) do update
               set ledger_amount = excluded.ledger_amount, ledger_status = excluded.ledger_status,
                   detail = excluded.detail, job_execution_id = excluded.job_execution_id,
                   raised_at = excluded.raised_at""";

    private final NamedParameterJdbcTemplate jdbc;

    MissingInStatementRaiser(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ReconciliationRun run = ReconciliationRun.of(contribution.getStepExecution());
        int raised = jdbc.update(RAISE, Map.of(
                "channel", run.channel(),
                "statementDate", run.statementDate(),
                "dayStart", run.dayStart(),
                "dayEnd", run.dayEnd(),
                "jobExecutionId", run.jobExecutionId()));
        contribution.incrementWriteCount(raised);
        return RepeatStatus.FINISHED;
    }
}
