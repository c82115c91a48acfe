package com.swiftlend.workflows.application;

import com.swiftlend.workflows.decision.Decision;
import java.time.Instant;
import java.util.List;

/**
 * Where a workflow restarted after its Temporal history was lost (the embedded service keeps
 * nothing across a restart) picks up: what the database recorded before the loss. A decision
 * already taken is not taken again, a review deadline is not extended, and a payout attempt
 * resumes under its own idempotency key on its own channel. Revisions continue from the recorded
 * one, so the database takes the resumed workflow's revisions as newer. A final state recorded
 * while the borrower was being told ({@code NOTIFYING}) resumes to tell them, and nothing else.
 *
 * @param review the operator's verdict, when there was one (its terms decide the amount paid)
 */
public record ResumePoint(
        ApplicationState status,
        int revision,
        List<RiskCheckView> riskChecks,
        Decision decision,
        Instant decidedAt,
        Instant reviewDeadline,
        int payoutAttempt,
        String payoutChannel,
        ReviewVerdict review) {

    public ResumePoint(ApplicationState status, int revision, List<RiskCheckView> riskChecks, Decision decision,
            Instant decidedAt, Instant reviewDeadline, int payoutAttempt, String payoutChannel) {
        this(status, revision, riskChecks, decision, decidedAt, reviewDeadline, payoutAttempt, payoutChannel, null);
    }
}
