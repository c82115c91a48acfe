package com.swiftlend.api.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person wrote: no control characters (U+0000 to U+001F, U+007F to U+009F). A NUL cannot
 * even be stored in PostgreSQL text, and other controls hide content from whoever reads it later
 * (an operator, a log, the audit trail). Free text may keep tab and line breaks.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    /** Whether tab, line feed and carriage return are allowed (free text such as a note). */
    boolean lineBreaks() default false;

    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {

        private boolean lineBreaks;

        @Override
        public void initialize(PlainText annotation) {
            lineBreaks = annotation.lineBreaks();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.codePoints().noneMatch(this::forbidden);
        }

        private boolean forbidden(int codePoint) {
            if (lineBreaks && (codePoint == '\t' || codePoint == '\n' || codePoint == '\r')) {
                return false;
            }
            return Character.isISOControl(codePoint);
        }
    }
}
