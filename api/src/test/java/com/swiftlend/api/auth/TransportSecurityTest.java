package com.swiftlend.api.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TransportSecurityTest {

    private static MockEnvironment production() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("production");
        return environment;
    }

    @Test
    void givenProductionWithPlainHttp_whenStarting_itRefuses() {
        assertThatThrownBy(() -> TransportSecurity.check(production()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HTTPS only");
    }

    @Test
    void givenProductionServingTls_whenStarting_itStarts() {
        MockEnvironment environment = production()
                .withProperty("server.ssl.enabled", "true")
                .withProperty("server.ssl.key-store", "file:/etc/swiftlend/tls.p12");

        assertThatCode(() -> TransportSecurity.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void givenProductionBehindATlsProxy_whenStarting_itStarts() {
        MockEnvironment environment = production().withProperty("swiftlend.tls.offloaded", "true");

        assertThatCode(() -> TransportSecurity.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void givenEmbeddedDefaultsOnPlainHttp_whenStarting_itStarts() {
        assertThatCode(() -> TransportSecurity.check(new MockEnvironment())).doesNotThrowAnyException();
    }
}
