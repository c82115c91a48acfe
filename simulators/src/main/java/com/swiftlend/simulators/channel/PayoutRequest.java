package com.swiftlend.simulators.channel;

import java.math.BigDecimal;
import java.util.Objects;

record PayoutRequest(BigDecimal amount, String currency, String cardNumber, String accountName, String reference) {

    /** 100 and 100.00 are the same payout; record equality would call them a conflicting retry. */
    boolean sameAs(PayoutRequest other) {
        return amount.compareTo(other.amount) == 0
                && Objects.equals(currency, other.currency)
                && Objects.equals(cardNumber, other.cardNumber)
                && Objects.equals(accountName, other.accountName)
                && Objects.equals(reference, other.reference);
    }

    String cardDigits() {
        return cardNumber.replaceAll("[\\s-]", "");
    }
}
