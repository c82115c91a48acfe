package com.swiftlend.workflows.application;

import io.temporal.activity.ActivityInterface;

/** Writes each status revision to the system of record, so it outlives the workflow. */
@ActivityInterface
public interface ApplicationRecords {

    /** Idempotent per revision: a retried or replayed write of the same revision changes nothing. */
    void recordStatus(ApplicationStatus status);
}
