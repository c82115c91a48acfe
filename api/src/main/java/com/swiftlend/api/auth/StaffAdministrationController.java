package com.swiftlend.api.auth;

import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.api.ApiProblems.FieldProblem;
import com.swiftlend.api.ApiProblems.InvalidRequestException;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Disabling a staff account when someone leaves or a password leaks: it can no longer sign in and
 * the tokens it holds stop working at once ({@link RevokedTokens}); enabling it again lets it sign
 * in anew. Both are audited with the administrator from the token.
 */
@RestController
@RequestMapping("/api/v1/staff")
class StaffAdministrationController {

    static final URI UNKNOWN_ACCOUNT = URI.create("https://swiftlend.dev/problems/unknown-staff-account");
    static final URI OWN_ACCOUNT = URI.create("https://swiftlend.dev/problems/own-staff-account");

    record AccountView(String username, boolean enabled) {
    }

    private final StaffAccounts accounts;
    private final RevokedTokens revoked;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StaffAdministrationController(StaffAccounts accounts, RevokedTokens revoked, AuditTrail audit,
            TransactionTemplate transactions, Clock clock) {
        this.accounts = accounts;
        this.revoked = revoked;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Operation(summary = "Disable a staff account: no sign-in, and its live tokens stop working at once")
    @PostMapping("/{username}/disable")
    AccountView disable(@PathVariable String username, Authentication administrator) {
        String account = known(username);
        if (administrator.getName().equals("staff:" + account)) {
            // The last administrator could otherwise lock every administrator out.
            throw new ApiException(HttpStatus.CONFLICT, OWN_ACCOUNT, "An administrator cannot disable their own account.");
        }
        transactions.executeWithoutResult(status -> accounts.disable(account).ifPresent(generation -> {
            audit.append(new AuditEvent.StaffAccountChanged(account, "DISABLED", administrator.getName(),
                    clock.instant(), generation, UUID.randomUUID().toString()));
            // After the row, before the commit: should Redis refuse, nothing is disabled and the
            // administrator sees the failure and retries.
            revoked.revokeBefore(account, generation);
        }));
        return new AccountView(account, false);
    }

    @Operation(summary = "Enable a disabled staff account; tokens from before it was disabled stay revoked")
    @PostMapping("/{username}/enable")
    AccountView enable(@PathVariable String username, Authentication administrator) {
        String account = known(username);
        transactions.executeWithoutResult(status -> accounts.enable(account).ifPresent(generation ->
                audit.append(new AuditEvent.StaffAccountChanged(account, "ENABLED", administrator.getName(),
                        clock.instant(), generation, UUID.randomUUID().toString()))));
        return new AccountView(account, true);
    }

    private String known(String username) {
        if (!AuthController.USERNAME.matcher(username).matches()) {
            throw new InvalidRequestException(List.of(new FieldProblem("username",
                    "must be 1 to 64 letters, digits or . _ @ -")));
        }
        if (!accounts.exists(username)) {
            throw new ApiException(HttpStatus.NOT_FOUND, UNKNOWN_ACCOUNT, "No staff account is named " + username);
        }
        return username;
    }
}
