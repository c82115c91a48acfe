package com.swiftlend.simulators.sms;

import java.time.Instant;

record SmsMessage(String messageId, String phone, String text, Instant sentAt) {
}
