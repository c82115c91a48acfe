package com.swiftlend.api.application;

import com.swiftlend.api.validation.ChineseResidentId;
import com.swiftlend.api.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.validator.constraints.LuhnCheck;

/** The body of a loan application as the borrower's app sends it. */
public record ApplicationRequest(
        @NotBlank @Size(max = 100) @PlainText String name,
        @NotBlank @ChineseResidentId String idNumber,
        @NotBlank @Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mainland mobile number")
        String phone,
        @NotBlank @Pattern(regexp = "\\d{12,19}", message = "must be 12 to 19 digits") @LuhnCheck(
                message = "has a wrong check digit") String bankCard,
        @NotNull @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @NotNull Integer termDays,
        @Size(max = 200) @PlainText(lineBreaks = true) String purpose,
        @NotBlank @Size(max = 128) @PlainText String deviceId,
        // Required, never defaulted: querying a credit report needs the borrower's own
        // authorisation (Credit Reporting Industry Regulation, art. 18) and processing their personal
        // data needs their informed consent (PIPL, arts. 13-14, 29 for the ID and card numbers).
        // A consent the borrower did not send cannot be recorded as given.
        @NotNull @Valid Consent consent) {

    /**
     * What the app showed the borrower and that they accepted it.
     *
     * @param termsVersion the version of the loan terms and privacy notice shown, as published
     * @param shownAt when the app showed them, by the device's clock
     */
    public record Consent(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9._-]+",
                    message = "must be a published terms version") String termsVersion,
            @NotNull Instant shownAt,
            @NotNull @AssertTrue(message = "must be true: the borrower must accept the terms") Boolean accepted) {
    }
}
