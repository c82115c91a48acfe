package com.swiftlend.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.batch.item.file.LineCallbackHandler;
import org.springframework.batch.item.file.LineMapper;
import org.springframework.batch.item.file.transform.DelimitedLineTokenizer;
import org.springframework.batch.item.file.transform.FieldSet;

/**
 * Reads the CSV statement the payment channels serve. Every check that could otherwise fail
 * later (a database constraint, a null in the matching) is made here, so that a bad line
 * becomes one UNPARSEABLE_LINE discrepancy instead of failing a whole chunk.
 */
class StatementLineMapper implements LineMapper<StatementLine>, LineCallbackHandler {

    static final List<String> COLUMNS =
            List.of("payout_id", "idempotency_key", "amount", "currency", "status", "processed_at");

    // The widths of the payout and staging columns; a longer value could never match anyway.
    private static final int MAX_KEY_LENGTH = 100;
    private static final int MAX_PAYOUT_ID_LENGTH = 64;
    private static final int MAX_INTEGER_DIGITS = 10;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final DelimitedLineTokenizer tokenizer = new DelimitedLineTokenizer();

    StatementLineMapper() {
        tokenizer.setNames(COLUMNS.toArray(String[]::new));
        // Strict: a line with a missing or extra field is malformed, not silently padded.
        tokenizer.setStrict(true);
    }

    /**
     * Checks the header. A file in another format must fail the job rather than report every
     * one of its lines as unparseable.
     */
    @Override
    public void handleLine(String header) {
        if (header == null) {
            throw new IllegalStateException("Statement is empty: not even a header");
        }
        List<String> names = Arrays.stream(header.replace("\uFEFF", "").split(",", -1))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .toList();
        if (!names.equals(COLUMNS)) {
            throw new IllegalStateException(
                    "Statement header is " + names + ", expected " + COLUMNS + ": not a channel statement");
        }
    }

    @Override
    public StatementLine mapLine(String line, int lineNumber) {
        FieldSet fields = tokenizer.tokenize(line);
        return new StatementLine(
                lineNumber,
                optional(fields, "payout_id", MAX_PAYOUT_ID_LENGTH),
                required(fields, "idempotency_key", MAX_KEY_LENGTH),
                amount(fields.readString("amount")),
                currency(fields.readString("currency")),
                status(fields.readString("status")),
                processedAt(fields.readString("processed_at")));
    }

    private static String required(FieldSet fields, String name, int maxLength) {
        String value = optional(fields, name, maxLength);
        if (value == null) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return value;
    }

    private static String optional(FieldSet fields, String name, int maxLength) {
        String value = fields.readString(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static BigDecimal amount(String text) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount '" + text + "' is not a number", e);
        }
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2
                || amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("amount '" + text + "' is not a positive amount with at most 2 decimals");
        }
        return amount;
    }

    private static String currency(String text) {
        if (!CURRENCY.matcher(text).matches()) {
            throw new IllegalArgumentException("currency '" + text + "' is not an ISO 4217 code");
        }
        return text;
    }

    private static StatementStatus status(String text) {
        try {
            return StatementStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status '" + text + "' is neither SUCCEEDED nor DECLINED", e);
        }
    }

    private static Instant processedAt(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("processed_at '" + text + "' is not an ISO-8601 timestamp", e);
        }
    }
}
