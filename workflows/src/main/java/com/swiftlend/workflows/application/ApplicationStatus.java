package com.swiftlend.workflows.application;

import com.swiftlend.workflows.decision.Decision;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about an application at one moment. The workflow answers it to queries while
 * it runs and records every revision in the database, which answers after the workflow closes.
 */
public record ApplicationStatus(
        String id,
        ApplicationState status,
        ApplicationStep step,
        int revision,
        List<RiskCheckView> riskChecks,
        Decision decision,
        PayoutView payout,
        ReviewVerdict review,
        Instant submittedAt,
        Instant updatedAt,
        Instant decidedAt,
        Instant reviewDeadline,
        Instant completedAt) {
}
