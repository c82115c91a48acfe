package com.swiftlend.workflows;

/**
 * The task queues a worker process can poll. Each concern has its own queue so that it can be
 * deployed and scaled on its own: risk checks are I/O bound on partners, payments must be
 * isolated from a burst of applications, notifications may lag without harm.
 */
public final class TaskQueues {

    public static final String LOAN_APPLICATIONS = "loan-applications";
    public static final String RISK = "risk";
    public static final String PAYMENTS = "payments";
    public static final String NOTIFICATIONS = "notifications";

    private TaskQueues() {
    }
}
