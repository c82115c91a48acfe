package com.swiftlend.workflows.funding;

import java.math.BigDecimal;
import java.util.List;

/**
 * Who funds the loan, at what price, and who refused first: the {@code funding} of the status.
 *
 * @param funder null while no funder has agreed, or when none did
 * @param state RESERVED (quota held, funder agreed), CONSUMED (the money went out), RELEASED
 *     (compensated) or NONE (no funder agreed)
 */
public record FundingView(String funder, BigDecimal annualPrice, String state, List<FunderRefusal> refusals) {

    public FundingView {
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }
}
