package com.swiftlend.api.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoStaffAccountsTest {

    private static AuthProperties demo(String password) {
        return new AuthProperties(null, "swiftlend", "swiftlend-api", java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(8),
                null, null, true, password, null, java.util.List.of());
    }

    @Test
    void givenDemoAccountsWithTheDefaultPasswordOutsideTheEmbeddedDefaults_whenStarting_itRefuses() {
        DemoStaffAccounts accounts = new DemoStaffAccounts(null, demo(AuthProperties.DEFAULT_DEMO_PASSWORD), false);

        assertThatThrownBy(accounts::afterPropertiesSet)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("default password");
    }
}
