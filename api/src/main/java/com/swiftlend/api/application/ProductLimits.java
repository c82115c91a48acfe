package com.swiftlend.api.application;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the product lends: amounts in CNY, terms in days.
 *
 * @param maxAnnualRate the highest annual rate an operator may set when approving: 24 %, the
 *     comprehensive annual cost line Chinese regulators hold consumer lenders to
 */
@ConfigurationProperties("swiftlend.product")
public record ProductLimits(
        @DefaultValue("100") BigDecimal minAmount,
        @DefaultValue("50000") BigDecimal maxAmount,
        @DefaultValue("7") int minTermDays,
        @DefaultValue("365") int maxTermDays,
        @DefaultValue("0.24") BigDecimal maxAnnualRate) {
}
