package com.swiftlend.simulators;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Default behaviour of each simulated party. A JavaBean rather than a record because every party has
 * its own default latency, which constructor binding of a nested record cannot express.
 */
@ConfigurationProperties(prefix = "swiftlend.simulators")
public class SimulatorsProperties {

    private boolean enabled = true;
    private final PartySettings bureau = new PartySettings(40, 120);
    private final PartySettings antiFraud = new PartySettings(20, 80);
    private final PartySettings sms = new PartySettings(5, 20);
    private final PartySettings swiftpay = new PartySettings(30, 150);
    private final PartySettings bankwire = new PartySettings(30, 150);

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

    public PartySettings getSwiftpay() {
        return swiftpay;
    }

    public PartySettings getBankwire() {
        return bankwire;
    }

    public static class PartySettings {

        private int latencyMinMs;
        private int latencyMaxMs;
        private double failureRate;

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
    }
}
