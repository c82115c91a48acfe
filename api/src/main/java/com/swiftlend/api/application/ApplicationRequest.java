package com.swiftlend.api.application;

import com.swiftlend.api.validation.ChineseResidentId;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.hibernate.validator.constraints.LuhnCheck;

/** The body of a loan application as the borrower's app sends it. */
public record ApplicationRequest(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @ChineseResidentId String idNumber,
        @NotBlank @Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mainland mobile number")
        String phone,
        @NotBlank @Pattern(regexp = "\\d{12,19}", message = "must be 12 to 19 digits") @LuhnCheck(
                message = "has a wrong check digit") String bankCard,
        @NotNull @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @NotNull Integer termDays,
        @Size(max = 200) String purpose,
        @NotBlank @Size(max = 128) String deviceId) {
}
