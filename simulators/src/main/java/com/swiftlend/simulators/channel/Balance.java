package com.swiftlend.simulators.channel;

import java.math.BigDecimal;

/** The channel's balance report, and the body of a PUT that sets it. */
record Balance(String currency, BigDecimal available) {
}
