package com.swiftlend.activities.risk;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the risk partners are and the thresholds of our own risk signals. Read timeouts stay
 * below the activity's start-to-close timeout (500 ms by default) so that an abandoned attempt
 * does not keep a thread waiting on a partner after Temporal has given up on it.
 */
@ConfigurationProperties("swiftlend.risk")
public record RiskProperties(
        @DefaultValue Partner creditBureau,
        @DefaultValue Partner antiFraud,
        @DefaultValue DeviceLimits device,
        @DefaultValue VelocityLimits velocity) {

    public record Partner(
            String baseUrl,
            @DefaultValue("200ms") Duration connectTimeout,
            @DefaultValue("450ms") Duration readTimeout) {
    }

    /**
     * @param warnApplicantsPerDevice distinct applicants on one device that make it suspicious
     * @param failApplicantsPerDevice distinct applicants on one device that block it (a farm)
     * @param warnApplicationsPerIpPerHour applications from one address in an hour worth a look
     * @param deviceMemory how long a device remembers its applicants
     */
    public record DeviceLimits(
            @DefaultValue("3") int warnApplicantsPerDevice,
            @DefaultValue("5") int failApplicantsPerDevice,
            @DefaultValue("10") int warnApplicationsPerIpPerHour,
            @DefaultValue("30d") Duration deviceMemory) {
    }

    /** Applications by one person: a burst suggests fraud or distress. */
    public record VelocityLimits(
            @DefaultValue("3") int warnPer24h,
            @DefaultValue("5") int failPer24h,
            @DefaultValue("10") int failPer7d) {
    }
}
