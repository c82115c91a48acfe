package com.swiftlend.workflows.notification;

import java.math.BigDecimal;

public record Notice(String applicationId, String phone, NoticeKind kind, BigDecimal amount) {
}
