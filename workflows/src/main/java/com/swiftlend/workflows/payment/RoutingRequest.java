package com.swiftlend.workflows.payment;

import java.math.BigDecimal;

public record RoutingRequest(String applicationId, BigDecimal amount) {
}
