package com.swiftlend.simulators.sms;

record SmsRequest(String phone, String text) {
}
