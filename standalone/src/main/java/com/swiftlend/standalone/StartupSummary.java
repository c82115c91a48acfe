package com.swiftlend.standalone;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who ran the command where everything is. */
@Component
class StartupSummary {

    private final ObjectProvider<EmbeddedInfrastructure.Running> embedded;

    StartupSummary(ObjectProvider<EmbeddedInfrastructure.Running> embedded) {
        this.embedded = embedded;
    }

    @EventListener(ApplicationReadyEvent.class)
    void print() {
        EmbeddedInfrastructure.Running running = embedded.getIfAvailable();
        if (running == null) {
            return;
        }
        String base = (running.tls() ? "https" : "http") + "://localhost:" + running.httpPort();
        System.out.printf("""

                Swiftlend is running on embedded defaults.
                  API            %1$s/api/v1/applications
                  API docs       %1$s/swagger-ui.html   (OpenAPI: %1$s/v3/api-docs)
                  Health         %1$s/actuator/health
                  Simulators     %1$s/simulators/{bureau,anti-fraud,channels/swiftpay,channels/bankwire,sms}
                  SMS sent       %1$s/simulators/sms/messages
                  Temporal       %2$s (embedded test server: no UI, history is lost on restart;
                                 unfinished applications are resumed from the database at start-up)
                  PostgreSQL     %3$s
                  Redis          127.0.0.1:%4$d
                  Data directory %5$s
                Stop with Ctrl+C.

                """, base, running.temporalTarget(), running.jdbcUrl(), running.redisPort(), running.dataDirectory());
    }
}
