package com.swiftlend.activities.risk;

import com.swiftlend.workflows.risk.DeviceAssessment;
import com.swiftlend.workflows.risk.DeviceCheck;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskSubject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Device and address sharing, from Redis. One Lua script records this application and counts
 * in a single round trip, atomically, so concurrent applications from one device all count.
 */
@Component
class DeviceInspector implements DeviceCheck {

    /**
     * KEYS[1] device set, KEYS[2] address window; ARGV: applicant index, application id, now
     * (ms), address window (ms), device memory (s). Re-running for the same application adds
     * nothing, so a retried activity does not inflate the counts.
     */
    private static final RedisScript<List> SCRIPT = RedisScript.of("""
            redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[5])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[4]))
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return {redis.call('SCARD', KEYS[1]), redis.call('ZCARD', KEYS[2])}
            """, List.class);

    private static final Duration ADDRESS_WINDOW = Duration.ofHours(1);

    private final StringRedisTemplate redis;
    private final RiskKeys keys;
    private final RiskProperties.DeviceLimits limits;
    private final Clock clock;

    DeviceInspector(StringRedisTemplate redis, RiskKeys keys, RiskProperties properties, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.limits = properties.device();
        this.clock = clock;
    }

    @Override
    public DeviceAssessment inspectDevice(RiskSubject subject) {
        List<?> counts = redis.execute(SCRIPT,
                List.of(keys.device(subject.deviceId()), keys.address(subject.clientIp())),
                keys.applicantIndex(subject.idNumber()), subject.applicationId(), String.valueOf(clock.millis()),
                String.valueOf(ADDRESS_WINDOW.toMillis()), String.valueOf(limits.deviceMemory().toSeconds()));
        int applicants = ((Number) counts.get(0)).intValue();
        int fromAddress = ((Number) counts.get(1)).intValue();
        if (applicants >= limits.failApplicantsPerDevice()) {
            return new DeviceAssessment(RiskOutcome.FAIL, applicants, fromAddress, "device used by many applicants");
        }
        if (applicants >= limits.warnApplicantsPerDevice()) {
            return new DeviceAssessment(RiskOutcome.WARN, applicants, fromAddress, "device shared");
        }
        if (fromAddress >= limits.warnApplicationsPerIpPerHour()) {
            return new DeviceAssessment(RiskOutcome.WARN, applicants, fromAddress, "address busy");
        }
        return new DeviceAssessment(RiskOutcome.PASS, applicants, fromAddress, "device not shared");
    }
}
