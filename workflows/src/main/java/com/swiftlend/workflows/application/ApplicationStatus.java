package com.swiftlend.workflows.application;

import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.funding.FundingView;
import com.swiftlend.workflows.payment.ChannelRanking;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about an application at one moment. The workflow records every revision it
 * publishes in the database, which answers every read and live stream; the workflow's own query
 * answers operators.
 * A change of state is one of the named transitions below, so each reads as what happened.
 *
 * @param funding who funds the loan, at what price, who refused (null before disbursement)
 * @param routing the channels ranked for the payout, with their scores and the ones left out
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
        Instant completedAt,
        FundingView funding,
        ChannelRanking routing) {

    /** A new application, or one resumed at a recorded revision. */
    public static ApplicationStatus submitted(String id, int revision, Instant submittedAt, Instant now) {
        return new ApplicationStatus(id, ApplicationState.UNDER_REVIEW, ApplicationStep.RISK_CHECKS, revision,
                List.of(), null, null, null, submittedAt, now, null, null, null, null, null);
    }

    /** The next revision: the application moved to this state and step at {@code now}. */
    public ApplicationStatus advance(ApplicationState state, ApplicationStep step, Instant now) {
        return new ApplicationStatus(id, state, step, revision + 1, riskChecks, decision, payout, review, submittedAt,
                now, decidedAt, reviewDeadline, completedAt, funding, routing);
    }

    public ApplicationStatus withRiskChecks(List<RiskCheckView> checks) {
        return new ApplicationStatus(id, status, step, revision, List.copyOf(checks), decision, payout, review,
                submittedAt, updatedAt, decidedAt, reviewDeadline, completedAt, funding, routing);
    }

    public ApplicationStatus withDecision(Decision taken, Instant at) {
        return new ApplicationStatus(id, status, step, revision, riskChecks, taken, payout, review, submittedAt,
                updatedAt, at, reviewDeadline, completedAt, funding, routing);
    }

    public ApplicationStatus withReviewDeadline(Instant deadline) {
        return new ApplicationStatus(id, status, step, revision, riskChecks, decision, payout, review, submittedAt,
                updatedAt, decidedAt, deadline, completedAt, funding, routing);
    }

    public ApplicationStatus withReview(ReviewVerdict verdict) {
        return new ApplicationStatus(id, status, step, revision, riskChecks, decision, payout, verdict, submittedAt,
                updatedAt, decidedAt, reviewDeadline, completedAt, funding, routing);
    }

    public ApplicationStatus withPayout(PayoutView attempt) {
        return new ApplicationStatus(id, status, step, revision, riskChecks, decision, attempt, review, submittedAt,
                updatedAt, decidedAt, reviewDeadline, completedAt, funding, routing);
    }

    /** What the disbursement found out: its funder and refusals, its channel ranking. */
    public ApplicationStatus withDisbursement(FundingView fundedBy, ChannelRanking ranking) {
        return new ApplicationStatus(id, status, step, revision, riskChecks, decision, payout, review, submittedAt,
                updatedAt, decidedAt, reviewDeadline, completedAt, fundedBy, ranking);
    }

    /** The last revision: nothing happens to the application after {@code at}. */
    public ApplicationStatus completed(ApplicationState state, Instant at) {
        return new ApplicationStatus(id, state, ApplicationStep.COMPLETED, revision + 1, riskChecks, decision, payout,
                review, submittedAt, at, decidedAt, reviewDeadline, at, funding, routing);
    }
}
