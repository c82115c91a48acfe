package com.swiftlend.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.application.LoanApplicationWorkflowImpl;
import com.swiftlend.workflows.decision.LoanDecisioning;
import com.swiftlend.workflows.disbursement.DisbursementWorkflowImpl;
import com.swiftlend.workflows.risk.BlacklistCheck;
import com.swiftlend.workflows.risk.DeviceCheck;
import com.swiftlend.workflows.risk.VelocityCheck;
import com.swiftlend.workflows.scoring.CreditScoring;
import org.junit.jupiter.api.Test;

/**
 * A local activity runs on the worker that runs its workflow: a worker polling only one queue (a
 * container per queue in docker-compose) must implement every local activity of its workflows.
 */
class LoanWorkersTest {

    @Test
    void givenTheLoanApplicationsQueue_itsWorkerImplementsEveryLocalActivityOfTheLoanWorkflow() {
        assertThat(LoanWorkers.ACTIVITIES_BY_QUEUE.get(TaskQueues.LOAN_APPLICATIONS))
                .containsAll(LoanApplicationWorkflowImpl.LOCAL_ACTIVITIES);
    }

    @Test
    void givenThePaymentsQueue_itsWorkerImplementsEveryLocalActivityOfTheDisbursementWorkflow() {
        assertThat(LoanWorkers.ACTIVITIES_BY_QUEUE.get(TaskQueues.PAYMENTS))
                .containsAll(DisbursementWorkflowImpl.LOCAL_ACTIVITIES);
    }

    @Test
    void givenTheRiskQueue_itKeepsTheInProcessStepsForHistoriesThatScheduleThemThere() {
        assertThat(LoanWorkers.ACTIVITIES_BY_QUEUE.get(TaskQueues.RISK)).contains(BlacklistCheck.class,
                DeviceCheck.class, VelocityCheck.class, CreditScoring.class, LoanDecisioning.class);
    }
}
