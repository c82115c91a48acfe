package com.swiftlend.simulators.antifraud;

record AssessmentRequest(String applicationId, String idNumber, String phone, String deviceId, String ip) {
}
