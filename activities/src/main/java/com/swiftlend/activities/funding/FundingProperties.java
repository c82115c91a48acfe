package com.swiftlend.activities.funding;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each capital partner's approval endpoint is. Their business terms (price, quota,
 * eligibility) are data in the {@code funder} table; only a funder named here is offered, since
 * one we cannot reach cannot approve.
 */
@ConfigurationProperties("swiftlend.funding")
public record FundingProperties(@DefaultValue List<Funder> funders) {

    /**
     * @param name the funder's name in the {@code funder} table
     * @param readTimeout how long its approval may take before we ask again (it is idempotent by
     *     application id), bounded in all by the workflow's retry policy
     */
    public record Funder(
            String name,
            String baseUrl,
            @DefaultValue("500ms") Duration connectTimeout,
            @DefaultValue("2s") Duration readTimeout) {
    }
}
