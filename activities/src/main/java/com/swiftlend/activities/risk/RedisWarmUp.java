package com.swiftlend.activities.risk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens the Redis connection before the first application arrives. Lettuce connects lazily, and
 * the first connection took longer than a risk check's 500 ms budget: without this, the first
 * applicant after a start saw the device and velocity checks as UNAVAILABLE.
 */
@Component
class RedisWarmUp {

    private static final Logger log = LoggerFactory.getLogger(RedisWarmUp.class);

    private final StringRedisTemplate redis;

    RedisWarmUp(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @EventListener(ApplicationReadyEvent.class)
    void connect() {
        try {
            redis.execute((RedisCallback<String>) connection -> connection.ping());
        } catch (RuntimeException e) {
            log.warn("Redis is not reachable yet; device and velocity checks will report UNAVAILABLE until it is", e);
        }
    }
}
