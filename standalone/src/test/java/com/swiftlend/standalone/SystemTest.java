package com.swiftlend.standalone;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole system as the run command starts it (embedded Temporal service, PostgreSQL, Redis,
 * simulators, workers, API), on a free port and a throwaway data directory. Every test class
 * uses this one configuration, so Spring starts the system once for the suite.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {SwiftlendApplication.class, TemporalCalls.class}, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "server.port=0",
            "swiftlend.embedded.ephemeral=true",
            "swiftlend.recovery.resume-on-start=false",
            // Every test request comes from 127.0.0.1; the per-address limit would send most to review.
            "swiftlend.risk.device.warn-applications-per-ip-per-hour=1000000",
            // Likewise the per-address rate limit: the suite signs in, submits and polls every 25 ms
            // from 127.0.0.1. RateLimitTest sets low limits of its own (and wins: @TestPropertySource).
            "swiftlend.rate-limits.client-ip.capacity=100000",
            "swiftlend.rate-limits.client-ip.refill-period=1ms",
            "swiftlend.simulators.bureau.latency-min-ms=1",
            "swiftlend.simulators.bureau.latency-max-ms=20",
            "swiftlend.simulators.anti-fraud.latency-min-ms=1",
            "swiftlend.simulators.anti-fraud.latency-max-ms=20",
            "swiftlend.simulators.swiftpay.latency-min-ms=1",
            "swiftlend.simulators.swiftpay.latency-max-ms=20",
            "swiftlend.simulators.bankwire.latency-min-ms=1",
            "swiftlend.simulators.bankwire.latency-max-ms=20",
            "swiftlend.simulators.manual-desk.latency-min-ms=1",
            "swiftlend.simulators.manual-desk.latency-max-ms=20",
            "swiftlend.simulators.harbor-capital.latency-min-ms=1",
            "swiftlend.simulators.harbor-capital.latency-max-ms=10",
            "swiftlend.simulators.jade-trust.latency-min-ms=1",
            "swiftlend.simulators.jade-trust.latency-max-ms=10",
            // A list property is replaced whole, so every channel is restated to give swiftpay a 1 s
            // read timeout: DisbursementFlowTest's 2 s stall after paying is a timeout after the money left.
            "swiftlend.payments.channels[0].name=swiftpay",
            "swiftlend.payments.channels[0].base-url=${swiftlend.parties.base-url}/channels/swiftpay",
            "swiftlend.payments.channels[0].read-timeout=1s",
            "swiftlend.payments.channels[1].name=bankwire",
            "swiftlend.payments.channels[1].base-url=${swiftlend.parties.base-url}/channels/bankwire",
            "swiftlend.payments.channels[2].name=manual-desk",
            "swiftlend.payments.channels[2].base-url=${swiftlend.parties.base-url}/channels/manual-desk",
            // The health chain checks once at start-up and then sleeps: tests that need a check run
            // one themselves (ChannelHealthChecks), so no round lands between their steps.
            "swiftlend.channels.health.interval=1h",
            "swiftlend.simulators.sms.latency-min-ms=0",
            "swiftlend.simulators.sms.latency-max-ms=5"
        })
@interface SystemTest {
}
