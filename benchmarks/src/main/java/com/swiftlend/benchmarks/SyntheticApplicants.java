package com.swiftlend.benchmarks;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Distinct, valid applicants for load and fault runs: a resident ID with a real district code,
 * a valid birth date and check character, an 11-digit mobile number, a Luhn-valid card and a
 * device of their own, all derived from one number, so a run never repeats an applicant.
 */
final class SyntheticApplicants {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK_CHARACTERS = "10X98765432";
    /** Real district codes (Beijing, Shanghai, Guangzhou, Shenzhen, Chengdu). */
    private static final String[] REGIONS = {"110101", "110105", "110108", "310101", "310115", "440103",
            "440106", "440305", "510104", "510107"};

    private SyntheticApplicants() {
    }

    /** The body of {@code POST /api/v1/applications} for applicant {@code unique}. */
    static String applicationJson(long unique, int amount) {
        String region = REGIONS[(int) (unique % REGIONS.length)];
        // 1970-01-01 plus up to ~30 years keeps every applicant an adult.
        String birth = LocalDate.of(1970, 1, 1).plusDays((unique / REGIONS.length) % 11_000)
                .format(DateTimeFormatter.BASIC_ISO_DATE);
        String sequenceDigits = String.format(Locale.ROOT, "%03d", (unique / (REGIONS.length * 11_000L)) % 1000);
        String idNumber = withCheckCharacter(region + birth + sequenceDigits);
        String phone = "138" + String.format(Locale.ROOT, "%08d", unique % 100_000_000);
        String card = withLuhnDigit("622202" + String.format(Locale.ROOT, "%012d", unique % 1_000_000_000_000L));
        return """
                {"name":"Li Wei","idNumber":"%s","phone":"%s","bankCard":"%s","amount":%d,"termDays":30,\
                "purpose":"rent","deviceId":"bench-%d",
                "consent":{"termsVersion":"2026-11-01","shownAt":"2026-11-02T09:15:30Z","accepted":true}}"""
                .formatted(idNumber, phone, card, amount, unique);
    }

    static String withCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return first17 + ID_CHECK_CHARACTERS.charAt(sum % 11);
    }

    static String withLuhnDigit(String payload) {
        int sum = 0;
        boolean doubleIt = true; // the check digit will be appended to the right
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (doubleIt) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return payload + (10 - sum % 10) % 10;
    }
}
