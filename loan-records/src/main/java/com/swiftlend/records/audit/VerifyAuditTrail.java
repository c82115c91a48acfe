package com.swiftlend.records.audit;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The verifier as a command: it connects to the loan database, walks the chain and exits 0 when
 * it is intact, 1 when it is broken, 2 when it could not check. It starts no Spring context, so
 * it cannot resume applications or move money while it looks. Connection settings come from
 * {@code --spring.datasource.url|username|password=...} (or {@code --url}, ...) or from the
 * {@code SPRING_DATASOURCE_*} environment variables the services already use.
 */
public final class VerifyAuditTrail {

    private VerifyAuditTrail() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command without the exit, for callers that embed it (and its test). */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                err.println("Usage: VerifyAuditTrail --spring.datasource.url=jdbc:postgresql://host:port/db "
                        + "[--spring.datasource.username=...] [--spring.datasource.password=...]");
                return 2;
            }
            options.put(arg.substring(2, equals).replaceFirst("^spring\\.datasource\\.", ""),
                    arg.substring(equals + 1));
        }
        String url = options.getOrDefault("url", environment.get("SPRING_DATASOURCE_URL"));
        if (url == null || url.isBlank()) {
            err.println("No database: pass --spring.datasource.url=jdbc:postgresql://... or set SPRING_DATASOURCE_URL");
            return 2;
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        String user = options.getOrDefault("username", environment.get("SPRING_DATASOURCE_USERNAME"));
        if (user != null) {
            dataSource.setUser(user);
        }
        String password = options.getOrDefault("password", environment.get("SPRING_DATASOURCE_PASSWORD"));
        if (password != null) {
            dataSource.setPassword(password);
        }
        try {
            AuditVerification result = new AuditChainVerifier(dataSource).verify();
            (result.intact() ? out : err).println(result);
            return result.intact() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("Could not verify the audit trail: " + e.getMessage());
            return 2;
        }
    }
}
