package com.swiftlend.workflows.risk;

import java.math.BigDecimal;

/** What every risk source is asked about: the applicant, the device and the amount at stake. */
public record RiskSubject(
        String applicationId,
        String name,
        String idNumber,
        String phone,
        String deviceId,
        String clientIp,
        BigDecimal amount,
        int termDays) {
}
