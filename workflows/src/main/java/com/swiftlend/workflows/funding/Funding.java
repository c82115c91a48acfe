package com.swiftlend.workflows.funding;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Capital partners (资方): who may fund a loan, their daily quotas and their own approval. Every
 * method is idempotent per application and funder, so a retried or resumed workflow repeats it
 * harmlessly.
 */
@ActivityInterface
public interface Funding {

    /** Eligible funders with quota left, cheapest first. */
    List<FunderOffer> eligibleFunders(FundingRequest request);

    /**
     * Reserves the amount against the funder's quota for today, atomically: concurrent
     * reservations never take more than the quota. Answers the existing reservation when this
     * application already holds one at this funder.
     */
    FundingReservation reserveQuota(FundingRequest request, String funder);

    /** Asks the funder itself; idempotent at the funder by application id. */
    FunderAnswer requestFunderApproval(FundingRequest request, String funder);

    /** Gives the reservation back and withdraws the request at the funder. Harmless when none is held. */
    void releaseFunding(String applicationId, String funder, String reason);

    /** The money went out: the reservation becomes part of the funder's used quota. */
    void consumeFunding(String applicationId, String funder);
}
