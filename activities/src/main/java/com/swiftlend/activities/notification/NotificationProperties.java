package com.swiftlend.activities.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("swiftlend.notifications.sms")
public record NotificationProperties(
        String baseUrl,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {
}
