package com.swiftlend.api.auth;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Tokens, one-time codes and personal data must never cross a network in the clear. In the
 * production profile the API therefore starts only if it serves HTTPS itself
 * ({@code server.ssl.*}) or sits behind a proxy that terminates TLS
 * ({@code swiftlend.tls.offloaded=true}, when plain requests are redirected to HTTPS).
 */
@Component
class TransportSecurity implements InitializingBean {

    private final Environment environment;

    TransportSecurity(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        check(environment);
    }

    static void check(Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("production"));
        boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false)
                && environment.getProperty("server.ssl.key-store") != null
                || environment.getProperty("server.ssl.bundle") != null;
        if (production && !tls && !offloaded(environment)) {
            throw new IllegalStateException("The production profile serves HTTPS only: configure server.ssl.* "
                    + "(or server.ssl.bundle), or, behind a proxy that terminates TLS, set swiftlend.tls.offloaded=true "
                    + "and server.forward-headers-strategy");
        }
    }

    static boolean offloaded(Environment environment) {
        return environment.getProperty("swiftlend.tls.offloaded", Boolean.class, false);
    }
}
