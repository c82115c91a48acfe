package com.swiftlend.api.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An 18-character resident identity number of the People's Republic of China (GB 11643-1999):
 * 17 digits (region, birth date, sequence) and an ISO 7064 MOD 11-2 check character.
 */
@Documented
@Constraint(validatedBy = ChineseResidentIdValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface ChineseResidentId {

    String message() default "must be an 18-character resident ID number with a valid birth date and check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
