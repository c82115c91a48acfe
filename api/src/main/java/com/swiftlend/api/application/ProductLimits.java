package com.swiftlend.api.application;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** What the product lends: amounts in CNY, terms in days. */
@ConfigurationProperties("swiftlend.product")
public record ProductLimits(
        @DefaultValue("100") BigDecimal minAmount,
        @DefaultValue("50000") BigDecimal maxAmount,
        @DefaultValue("7") int minTermDays,
        @DefaultValue("365") int maxTermDays) {
}
