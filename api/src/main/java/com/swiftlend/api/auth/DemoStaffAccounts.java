package com.swiftlend.api.auth;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The embedded default's {@code operator}, {@code editor}, {@code editor2} and {@code admin} accounts, so a new user can review
 * applications at once. Anywhere else a well-known password is an open door: with the demo
 * password left at its default, any other setup refuses to start.
 */
@Component
class DemoStaffAccounts implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DemoStaffAccounts.class);

    private final StaffAccounts accounts;
    private final AuthProperties properties;
    private final boolean embedded;

    DemoStaffAccounts(StaffAccounts accounts, AuthProperties properties,
            @Value("${swiftlend.embedded.enabled:false}") boolean embedded) {
        this.accounts = accounts;
        this.properties = properties;
        this.embedded = embedded;
    }

    @Override
    public void afterPropertiesSet() {
        if (!properties.demoAccounts()) {
            return;
        }
        boolean defaultPassword = AuthProperties.DEFAULT_DEMO_PASSWORD.equals(properties.demoPassword());
        if (defaultPassword && !embedded) {
            throw new IllegalStateException("Demo staff accounts with the default password are allowed only on the"
                    + " embedded defaults; set SWIFTLEND_DEMO_PASSWORD or switch swiftlend.auth.demo-accounts off");
        }
        accounts.createIfAbsent("operator", properties.demoPassword(), List.of(Roles.OPERATOR));
        accounts.createIfAbsent("editor", properties.demoPassword(), List.of(Roles.RULE_EDITOR));
        // A second rule editor, so a draft can be approved by someone other than its author.
        accounts.createIfAbsent("editor2", properties.demoPassword(), List.of(Roles.RULE_EDITOR));
        accounts.createIfAbsent("admin", properties.demoPassword(), List.of(Roles.STAFF_ADMIN));
        log.info("Staff accounts 'operator' (OPERATOR), 'editor' and 'editor2' (RULE_EDITOR) and 'admin'"
                + " (STAFF_ADMIN) sign in"
                + " with the password {}",
                defaultPassword ? "'" + AuthProperties.DEFAULT_DEMO_PASSWORD + "' (the default; set SWIFTLEND_DEMO_PASSWORD)"
                        : "from SWIFTLEND_DEMO_PASSWORD");
    }
}
