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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in: borrowers by phone and one-time code, staff by username and password. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    static final URI SIGN_IN_FAILED = URI.create("https://swiftlend.dev/problems/sign-in-failed");
    static final URI CODE_TOO_SOON = URI.create("https://swiftlend.dev/problems/code-requested-too-soon");
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");

    record CodeRequest(String phone) {
    }

    /** Either {@code phone} and {@code code}, or {@code username} and {@code password}. */
    record TokenRequest(String phone, String code, String username, String password) {
    }

    private final OneTimeCodes codes;
    private final SmsGateway sms;
    private final StaffAccounts staff;
    private final TokenIssuer tokens;
    private final BlindIndex blindIndex;

    AuthController(OneTimeCodes codes, SmsGateway sms, StaffAccounts staff, TokenIssuer tokens,
            BlindIndex blindIndex) {
        this.codes = codes;
        this.sms = sms;
        this.staff = staff;
        this.tokens = tokens;
        this.blindIndex = blindIndex;
    }

    @Operation(summary = "Send a six-digit sign-in code to a phone by SMS")
    @PostMapping("/otp")
    ResponseEntity<Void> sendCode(@RequestBody CodeRequest request) {
        String phone = validPhone(request.phone());
        String code = codes.issue(phoneIndex(phone));
        if (code == null) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, CODE_TOO_SOON,
                    "A code was sent to this phone moments ago; wait before asking for another.");
        }
        sms.send(phone, "Swiftlend: your sign-in code is " + code + ". It expires in a few minutes.");
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Exchange a phone and code, or a staff username and password, for an access token")
    @PostMapping("/token")
    TokenIssuer.AccessToken token(@RequestBody TokenRequest request) {
        if (request.username() != null || request.password() != null) {
            Optional<List<String>> roles = staff.authenticate(nonBlank(request.username(), "username"),
                    nonBlank(request.password(), "password"));
            return tokens.staff(request.username(), roles.orElseThrow(AuthController::signInFailed));
        }
        String phoneIndex = phoneIndex(validPhone(request.phone()));
        if (codes.verify(phoneIndex, nonBlank(request.code(), "code")) != OneTimeCodes.Check.ACCEPTED) {
            throw signInFailed();
        }
        return tokens.borrower(phoneIndex);
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

    private static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(List.of(new FieldProblem(field, "must not be blank")));
        }
        return value;
    }
}
