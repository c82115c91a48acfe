package com.swiftlend.api.auth;

import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.api.ApiProblems.FieldProblem;
import com.swiftlend.api.ApiProblems.InvalidRequestException;
import com.swiftlend.protection.index.BlindIndex;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in: borrowers by phone and one-time code, staff by username and password. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    static final URI SIGN_IN_FAILED = URI.create("https://swiftlend.dev/problems/sign-in-failed");
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
    /** Staff usernames as accounts are made; anything else cannot be one, and is kept off the audit trail. */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    record CodeRequest(String phone) {
    }

    /** Either {@code phone} and {@code code}, or {@code username} and {@code password}. */
    record TokenRequest(String phone, String code, String username, String password) {
    }

    private final OneTimeCodes codes;
    private final SmsGateway sms;
    private final StaffAccounts staff;
    private final StaffLockout lockout;
    private final RevokedTokens revoked;
    private final TokenIssuer tokens;
    private final BlindIndex blindIndex;

    AuthController(OneTimeCodes codes, SmsGateway sms, StaffAccounts staff, StaffLockout lockout,
            RevokedTokens revoked, TokenIssuer tokens, BlindIndex blindIndex) {
        this.codes = codes;
        this.sms = sms;
        this.staff = staff;
        this.lockout = lockout;
        this.revoked = revoked;
        this.tokens = tokens;
        this.blindIndex = blindIndex;
    }

    @Operation(summary = "Send a six-digit sign-in code to a phone by SMS")
    @PostMapping("/otp")
    ResponseEntity<Void> sendCode(@RequestBody CodeRequest request) {
        String phone = validPhone(request.phone());
        String code = codes.issue(phoneIndex(phone));
        sms.send(phone, "Swiftlend: your sign-in code is " + code + ". It expires in a few minutes.");
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Exchange a phone and code, or a staff username and password, for an access token")
    @PostMapping("/token")
    TokenIssuer.AccessToken token(@RequestBody TokenRequest request) {
        if (request.username() != null || request.password() != null) {
            return staffToken(validUsername(request.username()), nonBlank(request.password(), "password"));
        }
        String phoneIndex = phoneIndex(validPhone(request.phone()));
        if (codes.verify(phoneIndex, nonBlank(request.code(), "code")) != OneTimeCodes.Check.ACCEPTED) {
            throw signInFailed();
        }
        return tokens.borrower(phoneIndex);
    }

    @Operation(summary = "Sign out: the presented token stops working at once, everywhere")
    @PostMapping("/sign-out")
    ResponseEntity<Void> signOut(@AuthenticationPrincipal Jwt token) {
        revoked.signOut(token);
        return ResponseEntity.noContent().build();
    }

    private TokenIssuer.AccessToken staffToken(String username, String password) {
        lockout.refuseWhileLocked(username);
        Optional<StaffAccounts.Account> account = staff.authenticate(username, password);
        if (account.isEmpty()) {
            lockout.failed(username);
            throw signInFailed();
        }
        lockout.succeeded(username);
        return tokens.staff(username, account.get());
    }

    @ExceptionHandler(SignInRefusedException.class)
    ResponseEntity<ProblemDetail> refused(SignInRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setType(e.type());
        problem.setTitle("Sign-in refused for now");
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).body(problem);
    }

    String phoneIndex(String phone) {
        return blindIndex.of(BlindIndex.PHONE, phone);
    }

    /** One answer for every failure, so it does not tell which part was wrong. */
    private static ApiException signInFailed() {
        return new ApiException(HttpStatus.UNAUTHORIZED, SIGN_IN_FAILED, "The credentials were not accepted.");
    }

    private static String validPhone(String phone) {
        if (phone == null || !PHONE.matcher(phone).matches()) {
            throw new InvalidRequestException(List.of(new FieldProblem("phone",
                    "must be an 11-digit mainland mobile number")));
        }
        return phone;
    }

    private static String validUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidRequestException(List.of(new FieldProblem("username",
                    "must be 1 to 64 letters, digits or . _ @ -")));
        }
        return username;
    }

    private static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(List.of(new FieldProblem(field, "must not be blank")));
        }
        return value;
    }
}
