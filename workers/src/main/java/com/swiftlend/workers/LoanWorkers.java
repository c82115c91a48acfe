package com.swiftlend.workers;

import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.application.LoanApplicationWorkflow;
import com.swiftlend.workflows.application.LoanApplicationWorkflowImpl;
import com.swiftlend.workflows.application.LoanWorkflowSettings;
import com.swiftlend.workflows.channel.ChannelHealthChecks;
import com.swiftlend.workflows.channel.ChannelHealthWorkflowImpl;
import com.swiftlend.workflows.decision.LoanDecisioning;
import com.swiftlend.workflows.funding.Funding;
import com.swiftlend.workflows.notification.BorrowerNotifications;
import com.swiftlend.workflows.payment.ChannelPayouts;
import com.swiftlend.workflows.payment.ChannelRouting;
import com.swiftlend.workflows.disbursement.DisbursementWorkflow;
import com.swiftlend.workflows.disbursement.DisbursementWorkflowImpl;
import com.swiftlend.workflows.payment.ChannelPayouts;
import com.swiftlend.workflows.payment.Disbursement;
import com.swiftlend.workflows.risk.AntiFraudCheck;
import com.swiftlend.workflows.risk.BlacklistCheck;
import com.swiftlend.workflows.risk.CreditBureauCheck;
import com.swiftlend.workflows.risk.DeviceCheck;
import com.swiftlend.workflows.risk.VelocityCheck;
import com.swiftlend.workflows.scoring.CreditScoring;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls the configured task queues. Which activities live on which queue is part of the
 * workflow's contract (its activity options name the queue), so that mapping is here in code;
 * which queues this process polls, and how hard, is configuration.
 */
@Component
class LoanWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LoanWorkers.class);

    /**
     * The loan-applications worker runs the status record (a regular activity on its queue) and
     * the workflow's local activities ({@link LoanApplicationWorkflowImpl#LOCAL_ACTIVITIES}): a
     * local activity runs on the worker that runs the workflow. The risk queue keeps the same
     * steps for histories recorded before they became local. The payments worker runs the
     * disbursement workflow and already implements its local reads
     * ({@link DisbursementWorkflowImpl#LOCAL_ACTIVITIES}).
     */
    static final Map<String, List<Class<?>>> ACTIVITIES_BY_QUEUE = Map.of(
            TaskQueues.LOAN_APPLICATIONS, LoanApplicationWorkflowImpl.LOCAL_ACTIVITIES,
            TaskQueues.RISK, List.of(CreditBureauCheck.class, AntiFraudCheck.class, BlacklistCheck.class,
                    DeviceCheck.class, VelocityCheck.class, CreditScoring.class, LoanDecisioning.class),
            TaskQueues.PAYMENTS, List.of(ChannelRouting.class, Disbursement.class, ChannelPayouts.class,
                    Funding.class, ChannelHealthChecks.class),
            TaskQueues.NOTIFICATIONS, List.of(BorrowerNotifications.class));

    private final WorkflowClient client;
    private final WorkersProperties properties;
    private final ListableBeanFactory beans;
    private volatile WorkerFactory factory;

    LoanWorkers(WorkflowClient client, WorkersProperties properties, ListableBeanFactory beans) {
        this.client = client;
        this.properties = properties;
        this.beans = beans;
    }

    @Override
    public void start() {
        WorkerFactory workers = WorkerFactory.newInstance(client);
        LoanWorkflowSettings settings = properties.workflow().settings();
        for (String queue : properties.taskQueues()) {
            List<Class<?>> activities = ACTIVITIES_BY_QUEUE.get(queue);
            if (activities == null) {
                throw new IllegalStateException("Unknown task queue " + queue + "; known: "
                        + ACTIVITIES_BY_QUEUE.keySet());
            }
            WorkersProperties.Capacity capacity = properties.capacityOf(queue);
            Worker worker = workers.newWorker(queue, WorkerOptions.newBuilder()
                    .setMaxConcurrentActivityExecutionSize(capacity.activities())
                    .setMaxConcurrentWorkflowTaskExecutionSize(capacity.workflowTasks())
                    .setMaxConcurrentActivityTaskPollers(capacity.pollers())
                    .setMaxConcurrentWorkflowTaskPollers(capacity.pollers())
                    .build());
            if (queue.equals(TaskQueues.LOAN_APPLICATIONS)) {
                worker.registerWorkflowImplementationFactory(LoanApplicationWorkflow.class,
                        () -> new LoanApplicationWorkflowImpl(settings));
            }
            if (queue.equals(TaskQueues.PAYMENTS)) {
                worker.registerWorkflowImplementationFactory(DisbursementWorkflow.class,
                        () -> new DisbursementWorkflowImpl(settings));
                worker.registerWorkflowImplementationTypes(ChannelHealthWorkflowImpl.class);
            }
            for (Class<?> activity : activities) {
                worker.registerActivitiesImplementations(beans.getBean(activity));
            }
        }
        workers.start();
        factory = workers;
        log.info("Polling task queues {}", properties.taskQueues());
    }

    @Override
    public void stop() {
        WorkerFactory workers = factory;
        if (workers != null) {
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.SECONDS);
            factory = null;
        }
    }

    @Override
    public boolean isRunning() {
        return factory != null;
    }
}
