package com.swiftlend.simulators.bureau;

record CreditReportRequest(String idNumber, String name) {
}
