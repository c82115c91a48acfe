package com.swiftlend.workflows.disbursement;

import com.swiftlend.workflows.funding.FundingView;
import com.swiftlend.workflows.payment.ChannelRanking;
import com.swiftlend.workflows.payment.PayoutAttempt;
import java.util.List;

/**
 * Where one disbursement stands, for its query and for the loan's status when it ends.
 *
 * @param disbursed the money reached the borrower (exactly one attempt SUCCEEDED)
 * @param failureReason why it ended without paying (NO_FUNDER_AVAILABLE, CARD_BLOCKED,
 *     NO_CHANNEL_AVAILABLE, ...); null while running or when disbursed
 * @param attempts every payout attempt so far, oldest first
 */
public record DisbursementStatus(
        String applicationId,
        DisbursementStep step,
        boolean disbursed,
        String failureReason,
        FundingView funding,
        ChannelRanking routing,
        List<PayoutAttempt> attempts) {

    public DisbursementStatus {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public static DisbursementStatus started(String applicationId) {
        return new DisbursementStatus(applicationId, DisbursementStep.FUNDING, false, null, null, null, List.of());
    }

    public DisbursementStatus at(DisbursementStep next) {
        return new DisbursementStatus(applicationId, next, disbursed, failureReason, funding, routing, attempts);
    }

    public DisbursementStatus withFunding(FundingView view) {
        return new DisbursementStatus(applicationId, step, disbursed, failureReason, view, routing, attempts);
    }

    public DisbursementStatus withRouting(ChannelRanking ranking) {
        return new DisbursementStatus(applicationId, step, disbursed, failureReason, funding, ranking, attempts);
    }

    public DisbursementStatus withAttempts(List<PayoutAttempt> known) {
        return new DisbursementStatus(applicationId, step, disbursed, failureReason, funding, routing, known);
    }

    /** The money reached the borrower. */
    public DisbursementStatus paidOut(FundingView consumed) {
        return new DisbursementStatus(applicationId, DisbursementStep.DONE, true, null, consumed, routing, attempts);
    }

    /** It ended without paying, for this reason. */
    public DisbursementStatus endedUnpaid(String reason, FundingView released) {
        return new DisbursementStatus(applicationId, DisbursementStep.DONE, false, reason, released, routing,
                attempts);
    }

    /** The attempt in progress or the last one made; null before the first. */
    public PayoutAttempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }
}
