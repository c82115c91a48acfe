package com.swiftlend.standalone;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who ran the command where everything is. */
@Component
class StartupSummary {

    private final ObjectProvider<EmbeddedInfrastructure.Running> embedded;
    private final Environment environment;

    StartupSummary(ObjectProvider<EmbeddedInfrastructure.Running> embedded, Environment environment) {
        this.embedded = embedded;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void print() {
        EmbeddedInfrastructure.Running running = embedded.getIfAvailable();
        if (running == null) {
            return;
        }
        String base = (running.tls() ? "https" : "http") + "://localhost:" + running.httpPort();
        String parties = environment.getProperty("swiftlend.parties.base-url", base + "/simulators");
        System.out.printf("""

                Swiftlend is running on embedded defaults.
                  API            %1$s/api/v1/applications
                  API docs       %1$s/swagger-ui.html   (OpenAPI: %1$s/v3/api-docs)
                  Health         %1$s/actuator/health
                  Simulators     %6$s/{bureau,anti-fraud,sms}
                                 %6$s/channels/{swiftpay,bankwire,manual-desk}
                                 %6$s/funders/{harbor-capital,jade-trust}
                  SMS sent       %6$s/sms/messages
                  Operators      %1$s/api/v1/{channels,operations/payouts,ledger/trial-balance}
                  Temporal       %2$s (embedded test server: no UI, history is lost on restart;
                                 unfinished applications are resumed from the database at start-up)
                  PostgreSQL     %3$s
                  Redis          127.0.0.1:%4$d
                  Data directory %5$s
                Stop with Ctrl+C.

                """, base, running.temporalTarget(), running.jdbcUrl(), running.redisPort(), running.dataDirectory(),
                parties);
    }
}
