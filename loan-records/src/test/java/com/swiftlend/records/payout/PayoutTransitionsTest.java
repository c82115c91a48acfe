package com.swiftlend.records.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.workflows.payment.PayoutState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PayoutTransitionsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private static Payout claimed() {
        return Payout.claimed("app:payout:1", UUID.randomUUID(), 1, "swiftpay", new BigDecimal("1000"), null,
                "harbor-capital", T0);
    }

    @Test
    void givenClaimedPayout_whenSentThenPaid_itSucceedsWithItsTimes() {
        Payout payout = claimed();

        int send = payout.markSent(T0.plusSeconds(1));
        payout.succeeded("SP-1", new BigDecimal("2.00"), T0.plusSeconds(2));

        assertThat(send).isEqualTo(1);
        assertThat(payout.getState()).isEqualTo(PayoutState.SUCCEEDED);
        assertThat(payout.getCurrency()).isEqualTo("CNY");
        assertThat(payout.getSentAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(payout.getSettledAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(payout.getFee()).isEqualByComparingTo("2.00");
    }

    @Test
    void givenFinalPayout_whenAnyChangeIsAsked_itRefuses() {
        Payout succeeded = claimed();
        succeeded.markSent(T0);
        succeeded.succeeded("SP-1", BigDecimal.ONE, T0);
        Payout declined = claimed();
        declined.markSent(T0);
        declined.declined("SP-2", "CARD_BLOCKED", true, T0);
        Payout notSent = claimed();
        notSent.provenNotSent("STALE_CLAIM", T0);

        for (Payout payout : new Payout[] {succeeded, declined, notSent}) {
            PayoutState state = payout.getState();
            assertThatThrownBy(() -> payout.markSent(T0)).isInstanceOf(Payout.IllegalPayoutTransition.class);
            assertThatThrownBy(() -> payout.succeeded("x", BigDecimal.ONE, T0))
                    .isInstanceOf(Payout.IllegalPayoutTransition.class);
            assertThatThrownBy(() -> payout.declined("x", "x", false, T0))
                    .isInstanceOf(Payout.IllegalPayoutTransition.class);
            assertThatThrownBy(() -> payout.pendingAtChannel("x", T0))
                    .isInstanceOf(Payout.IllegalPayoutTransition.class);
            assertThatThrownBy(() -> payout.provenNotSentAfterWindow(Duration.ZERO, "x", T0.plus(WINDOW)))
                    .isInstanceOf(Payout.IllegalPayoutTransition.class);
            assertThat(payout.getState()).isEqualTo(state);
        }
    }

    @Test
    void givenClaimedPayout_whenSettlingWithoutSending_onlyNotSentIsAllowed() {
        Payout payout = claimed();

        assertThatThrownBy(() -> payout.succeeded("x", BigDecimal.ONE, T0))
                .isInstanceOf(Payout.IllegalPayoutTransition.class);
        assertThatThrownBy(() -> payout.pendingAtChannel("x", T0)).isInstanceOf(Payout.IllegalPayoutTransition.class);
        payout.provenNotSent("STALE_CLAIM", T0);

        assertThat(payout.getState()).isEqualTo(PayoutState.PROVEN_NOT_SENT);
        assertThat(payout.getFailureReason()).isEqualTo("STALE_CLAIM");
    }

    @Test
    void givenSentPayout_whenConcludingNotSentWithoutProof_itRefuses() {
        Payout payout = claimed();
        payout.markSent(T0);

        assertThatThrownBy(() -> payout.provenNotSent("x", T0)).isInstanceOf(Payout.IllegalPayoutTransition.class);
        assertThatThrownBy(() -> payout.provenNotSentAfterWindow(WINDOW, "x", T0.plus(WINDOW).minusMillis(1)))
                .isInstanceOf(Payout.IllegalPayoutTransition.class);
        assertThat(payout.getState()).isEqualTo(PayoutState.SENT_UNCONFIRMED);
    }

    @Test
    void givenRefusalOfTheFirstSend_whenConcludingNotSent_itIsProven() {
        Payout payout = claimed();
        int send = payout.markSent(T0);

        payout.provenNotSentByRefusal(send, "CHANNEL_UNAVAILABLE: answered 503", T0);

        assertThat(payout.getState()).isEqualTo(PayoutState.PROVEN_NOT_SENT);
    }

    @Test
    void givenRefusalOfAResend_whenConcludingNotSent_itRefusesBecauseTheFirstMayHavePaid() {
        Payout payout = claimed();
        int first = payout.markSent(T0);
        int resend = payout.markSent(T0.plusSeconds(5));

        assertThat(resend).isEqualTo(2);
        assertThatThrownBy(() -> payout.provenNotSentByRefusal(resend, "503", T0))
                .isInstanceOf(Payout.IllegalPayoutTransition.class);
        // A refusal of the first send read only after the resend proves nothing either.
        assertThatThrownBy(() -> payout.provenNotSentByRefusal(first, "503", T0))
                .isInstanceOf(Payout.IllegalPayoutTransition.class);
        assertThat(payout.getState()).isEqualTo(PayoutState.SENT_UNCONFIRMED);
    }

    @Test
    void givenPayoutInDoubt_whenTheWindowSinceTheLastSendHasPassed_itMayBeProvenNotSent() {
        Payout payout = claimed();
        payout.markSent(T0);
        payout.markSent(T0.plus(Duration.ofMinutes(10)));

        assertThat(payout.inDoubtWindowPassed(WINDOW, T0.plus(WINDOW))).isFalse();
        assertThatThrownBy(() -> payout.provenNotSentAfterWindow(WINDOW, "x", T0.plus(WINDOW)))
                .isInstanceOf(Payout.IllegalPayoutTransition.class);
        payout.provenNotSentAfterWindow(WINDOW, "NOT_FOUND_AFTER_WINDOW", T0.plus(Duration.ofMinutes(25)));

        assertThat(payout.getState()).isEqualTo(PayoutState.PROVEN_NOT_SENT);
        assertThat(payout.getSentAt()).isEqualTo(T0);
    }

    @Test
    void givenPendingAtChannel_whenResentAndSettled_itStaysInDoubtUntilTheAnswer() {
        Payout payout = claimed();
        payout.markSent(T0);
        payout.pendingAtChannel("SP-9", T0);

        payout.markSent(T0.plusSeconds(1));

        assertThat(payout.getState()).isEqualTo(PayoutState.PENDING_AT_CHANNEL);
        payout.declined("SP-9", "RISK_CONTROL", false, T0.plusSeconds(2));
        assertThat(payout.getState()).isEqualTo(PayoutState.DECLINED);
        assertThat(payout.isBeneficiaryDecline()).isFalse();
    }
}
