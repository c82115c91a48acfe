package com.swiftlend.simulators;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Default behaviour of each simulated party: the one place its defaults live. A JavaBean rather than a
 * record because every party has its own default latency, which constructor binding of a nested record
 * cannot express.
 */
@ConfigurationProperties(prefix = "swiftlend.simulators")
public class SimulatorsProperties {

    private boolean enabled = true;
    private final PartySettings bureau = new PartySettings(40, 120);
    private final PartySettings antiFraud = new PartySettings(20, 80);
    private final PartySettings sms = new PartySettings(5, 20);
    private final ChannelSettings swiftpay = new ChannelSettings(30, 150);
    private final ChannelSettings bankwire = new ChannelSettings(30, 150);
    private final ChannelSettings manualDesk = new ChannelSettings(30, 150);
    private final PartySettings harborCapital = new PartySettings(20, 80);
    private final PartySettings jadeTrust = new PartySettings(20, 80);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public PartySettings getBureau() {
        return bureau;
    }

    public PartySettings getAntiFraud() {
        return antiFraud;
    }

    public PartySettings getSms() {
        return sms;
    }

    public ChannelSettings getSwiftpay() {
        return swiftpay;
    }

    public ChannelSettings getBankwire() {
        return bankwire;
    }

    public ChannelSettings getManualDesk() {
        return manualDesk;
    }

    public PartySettings getHarborCapital() {
        return harborCapital;
    }

    public PartySettings getJadeTrust() {
        return jadeTrust;
    }

    public static class PartySettings {

        private int latencyMinMs;
        private int latencyMaxMs;
        private double failureRate;
        private double timeoutAfterPayingRate;
        /** Twice the product's default channel read timeout (5 s), so a stalled answer does time it out. */
        private int stallMs = 10_000;
        private double pendingRate;
        /** The manual desk's "a person keys it" delay, short enough for demos and system tests. */
        private int pendingSettleMs = 2_000;
        private double refusalRate;

        PartySettings(int latencyMinMs, int latencyMaxMs) {
            this.latencyMinMs = latencyMinMs;
            this.latencyMaxMs = latencyMaxMs;
        }

        public int getLatencyMinMs() {
            return latencyMinMs;
        }

        public void setLatencyMinMs(int latencyMinMs) {
            this.latencyMinMs = latencyMinMs;
        }

        public int getLatencyMaxMs() {
            return latencyMaxMs;
        }

        public void setLatencyMaxMs(int latencyMaxMs) {
            this.latencyMaxMs = latencyMaxMs;
        }

        public double getFailureRate() {
            return failureRate;
        }

        public void setFailureRate(double failureRate) {
            this.failureRate = failureRate;
        }

        public double getTimeoutAfterPayingRate() {
            return timeoutAfterPayingRate;
        }

        public void setTimeoutAfterPayingRate(double timeoutAfterPayingRate) {
            this.timeoutAfterPayingRate = timeoutAfterPayingRate;
        }

        public int getStallMs() {
            return stallMs;
        }

        public void setStallMs(int stallMs) {
            this.stallMs = stallMs;
        }

        public double getPendingRate() {
            return pendingRate;
        }

        public void setPendingRate(double pendingRate) {
            this.pendingRate = pendingRate;
        }

        public int getPendingSettleMs() {
            return pendingSettleMs;
        }

        public void setPendingSettleMs(int pendingSettleMs) {
            this.pendingSettleMs = pendingSettleMs;
        }

        public double getRefusalRate() {
            return refusalRate;
        }

        public void setRefusalRate(double refusalRate) {
            this.refusalRate = refusalRate;
        }
    }

    /** A payment channel also holds money: what it can pay out before it declines for lack of funds. */
    public static class ChannelSettings extends PartySettings {

        private BigDecimal initialBalance = new BigDecimal("10000000.00");

        ChannelSettings(int latencyMinMs, int latencyMaxMs) {
            super(latencyMinMs, latencyMaxMs);
        }

        public BigDecimal getInitialBalance() {
            return initialBalance;
        }

        public void setInitialBalance(BigDecimal initialBalance) {
            this.initialBalance = initialBalance;
        }
    }
}
