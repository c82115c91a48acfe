package com.swiftlend.workflows.application;

import java.math.BigDecimal;

/**
 * An operator's verdict on an application sent to manual review.
 *
 * @param approvedAmount the amount the operator approves; required when the decision itself
 *     carries no terms (a fallback review: the score or the rules were unavailable), otherwise
 *     null or at most the decision's
 * @param annualRate the rate the operator sets, under the same rule
 */
public record ReviewVerdict(String reviewer, String note, BigDecimal approvedAmount, BigDecimal annualRate) {

    public ReviewVerdict(String reviewer, String note) {
        this(reviewer, note, null, null);
    }
}
