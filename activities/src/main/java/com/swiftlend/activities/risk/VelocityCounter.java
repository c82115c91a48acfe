package com.swiftlend.activities.risk;

import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskSubject;
import com.swiftlend.workflows.risk.VelocityCheck;
import com.swiftlend.workflows.risk.VelocityFeatures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Sliding-window counts of one applicant's applications, kept in a Redis sorted set scored by
 * time and keyed by application id, so a retried check does not count twice.
 */
@Component
class VelocityCounter implements VelocityCheck {

    /** KEYS[1] the applicant's window; ARGV: application id, now (ms), day (ms), week (ms). */
    private static final RedisScript<List> SCRIPT = RedisScript.of("""
            local now = tonumber(ARGV[2])
            redis.call('ZADD', KEYS[1], now, ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[4]))
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return {redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[3]), '+inf'), redis.call('ZCARD', KEYS[1])}
            """, List.class);

    private final StringRedisTemplate redis;
    private final RiskKeys keys;
    private final RiskProperties.VelocityLimits limits;
    private final Clock clock;

    VelocityCounter(StringRedisTemplate redis, RiskKeys keys, RiskProperties properties, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.limits = properties.velocity();
        this.clock = clock;
    }

    @Override
    public VelocityFeatures measureVelocity(RiskSubject subject) {
        List<?> counts = redis.execute(SCRIPT, List.of(keys.applicant(subject.idNumber())),
                subject.applicationId(), String.valueOf(clock.millis()),
                String.valueOf(Duration.ofDays(1).toMillis()), String.valueOf(Duration.ofDays(7).toMillis()));
        int day = ((Number) counts.get(0)).intValue();
        int week = ((Number) counts.get(1)).intValue();
        if (day >= limits.failPer24h() || week >= limits.failPer7d()) {
            return new VelocityFeatures(RiskOutcome.FAIL, day, week, "too many recent applications");
        }
        if (day >= limits.warnPer24h()) {
            return new VelocityFeatures(RiskOutcome.WARN, day, week, "several applications today");
        }
        return new VelocityFeatures(RiskOutcome.PASS, day, week, "normal");
    }
}
