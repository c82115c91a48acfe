package com.swiftlend.workflows.payment;

import java.math.BigDecimal;

/** @param currency ISO 4217; null is read as CNY (requests recorded before it existed) */
public record RoutingRequest(String applicationId, BigDecimal amount, String currency) {

    public RoutingRequest(String applicationId, BigDecimal amount) {
        this(applicationId, amount, null);
    }
}
