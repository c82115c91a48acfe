package com.swiftlend.workflows.application;

/** Who applies and from where. */
public record Applicant(
        String name,
        String idNumber,
        String phone,
        String bankCard,
        String deviceId,
        String clientIp) {
}
