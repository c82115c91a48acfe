package com.swiftlend.api.application;

import com.swiftlend.records.application.PublishedStatuses;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProductLimits.class, StatusStreamProperties.class})
class ApiConfiguration {

    /** Every replica hears every announcement; each stream picks those of its own application. */
    @Bean
    RedisMessageListenerContainer statusAnnouncements(RedisConnectionFactory redis, StatusStreams streams) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.addMessageListener(streams, new ChannelTopic(PublishedStatuses.UPDATES_CHANNEL));
        return container;
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
