package com.swiftlend.activities;

import com.swiftlend.activities.funding.FundingProperties;
import com.swiftlend.activities.channel.ChannelHealthProperties;
import com.swiftlend.activities.notification.NotificationProperties;
import com.swiftlend.activities.payment.PaymentProperties;
import com.swiftlend.activities.payment.PayoutProperties;
import com.swiftlend.activities.risk.RiskProperties;
import com.swiftlend.activities.scoring.ScoringProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RiskProperties.class, ScoringProperties.class, PaymentProperties.class,
        PayoutProperties.class, NotificationProperties.class, FundingProperties.class, ChannelHealthProperties.class})
public class ActivitiesConfiguration {

    /** Activities read time through this clock so tests can hold it still. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
