package com.swiftlend.workflows.funding;

import java.math.BigDecimal;

/**
 * An eligible funder with quota left today, as ranked for one loan.
 *
 * @param annualPrice what the funder charges us for the capital, per year (0.0650 = 6.5 %)
 * @param quotaLeft today's quota not yet reserved or used, when the ranking was made (a hint: the
 *     reservation is what counts)
 */
public record FunderOffer(String funder, BigDecimal annualPrice, BigDecimal quotaLeft) {
}
