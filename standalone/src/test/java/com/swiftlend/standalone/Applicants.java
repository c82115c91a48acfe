package com.swiftlend.standalone;

import com.swiftlend.scoring.CreditModel;
import com.swiftlend.scoring.FeatureMapping;
import com.swiftlend.scoring.ShippedModel;
import com.swiftlend.workflows.risk.BureauHistory;
import java.util.List;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.web.client.RestClient;

/**
 * Makes valid, distinct applicants for tests, and finds ones the simulated bureau and anti-fraud
 * provider see in a given light. The simulators are deterministic per ID number, so a search over
 * generated IDs always finds the same applicants.
 */
final class Applicants {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    /** Distinct across the suite: velocity and device checks count per ID number and device. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 50_000));

    private final RestClient simulators;

    Applicants(int port) {
        this.simulators = RestClient.create("http://127.0.0.1:" + port + "/simulators");
    }

    record Applicant(String idNumber, String deviceId, String phone, String bankCard) {

        String body(int amount) {
            return body(amount, 30);
        }

        String body(int amount, int termDays) {
            return """
                    {"name":"Test Borrower","idNumber":"%s","phone":"%s","bankCard":"%s","amount":%d,
                     "termDays":%d,"purpose":"rent","deviceId":"%s",
                     "consent":{"termsVersion":"2026-11-01","shownAt":"2026-11-02T09:15:30Z","accepted":true}}"""
                    .formatted(idNumber, phone, bankCard, amount,
                    termDays, deviceId);
        }

        Applicant withCard(String card) {
            return new Applicant(idNumber, deviceId, phone, card);
        }
    }

    Applicant any() {
        int n = SEQUENCE.incrementAndGet();
        return new Applicant(idNumber(n), "test-device-" + n + "-" + System.nanoTime(),
                "139" + String.format("%08d", n % 100_000_000), card("6222020200" + String.format("%08d", n)));
    }

    /**
     * An applicant with a clean bureau file, whose real repayment history the shipped credit model
     * puts in risk grade A or B (a probability of default under 15 %), and an anti-fraud ACCEPT:
     * the rules approve at once.
     */
    Applicant creditworthy() {
        return find(report -> Boolean.TRUE.equals(report.get("hit"))
                && ((Number) report.get("creditScore")).intValue() >= 740
                && ((Number) report.get("delinquencies")).intValue() == 0, "ACCEPT",
                (applicant, report) -> probabilityOfDefault(applicant, report) < 0.15);
    }

    /**
     * An applicant with a file whose real history is two months or more overdue in the latest month
     * and whom the shipped model puts at a probability of default over 50 %.
     */
    Applicant likelyToDefault() {
        // Not the bureau's adverse score (under 450): that knock-out would speak before the record does.
        return find(report -> Boolean.TRUE.equals(report.get("hit"))
                && ((Number) report.get("creditScore")).intValue() >= 450
                && ((Number) ((List<?>) ((Map<?, ?>) report.get("history")).get("repaymentStatus")).get(0))
                        .intValue() >= 2, "ACCEPT",
                (applicant, report) -> probabilityOfDefault(applicant, report) > 0.5);
    }

    /** The shipped model's view of the simulated bureau's answer, as the flow would score it. */
    static double probabilityOfDefault(Applicant applicant, Map<String, Object> report) {
        Map<?, ?> history = (Map<?, ?>) report.get("history");
        if (history == null) {
            return 1;
        }
        BureauHistory bureau = new BureauHistory(((Number) history.get("creditLimit")).longValue(),
                ((List<?>) history.get("repaymentStatus")).stream().map(v -> ((Number) v).intValue()).toList(),
                ((List<?>) history.get("billAmounts")).stream().map(v -> ((Number) v).longValue()).toList(),
                ((List<?>) history.get("paidAmounts")).stream().map(v -> ((Number) v).longValue()).toList());
        String id = applicant.idNumber();
        LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                Integer.parseInt(id.substring(12, 14)));
        int age = java.time.Period.between(birth, LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))).getYears();
        return ShippedModelHolder.MODEL.score(new FeatureMapping.Applicant(age, bureau)).probabilityOfDefault();
    }

    /** Loaded once for the whole suite, on first use: loading and verifying takes seconds. */
    private static final class ShippedModelHolder {
        static final CreditModel MODEL;

        static {
            ShippedModel shipped = ShippedModel.load();
            MODEL = CreditModel.load(shipped.version(), shipped.pmml(), shipped.featureMapping(), shipped.card(),
                    new com.fasterxml.jackson.databind.ObjectMapper());
        }
    }

    Applicant find(Predicate<Map<String, Object>> bureau, String fraudVerdict) {
        return find(bureau, fraudVerdict, (applicant, report) -> true);
    }

    private Applicant find(Predicate<Map<String, Object>> bureau, String fraudVerdict,
            java.util.function.BiPredicate<Applicant, Map<String, Object>> scored) {
        for (int i = 0; i < 2_000; i++) {
            Applicant candidate = any();
            Map<String, Object> report = simulators.post().uri("/bureau/credit-reports")
                    .body(Map.of("idNumber", candidate.idNumber(), "name", "Test Borrower"))
                    .retrieve().body(Map.class);
            if (!bureau.test(report) || !scored.test(candidate, report)) {
                continue;
            }
            Map<String, Object> assessment = simulators.post().uri("/anti-fraud/assessments")
                    .body(Map.of("applicationId", "probe", "idNumber", candidate.idNumber(), "phone",
                            candidate.phone(), "deviceId", candidate.deviceId(), "ip", "127.0.0.1"))
                    .retrieve().body(Map.class);
            if (fraudVerdict.equals(assessment.get("verdict"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no such applicant in 2000 tries");
    }

    static String idNumber(int n) {
        LocalDate birth = LocalDate.of(1970, 1, 1).plusDays(n % 12_000);
        String body = "110105" + birth.toString().replace("-", "") + String.format("%03d", n % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + CHECK.charAt(sum % 11);
    }

    /** Completes a card number with its Luhn check digit. */
    static String card(String withoutCheckDigit) {
        for (char digit = '0'; digit <= '9'; digit++) {
            String candidate = withoutCheckDigit + digit;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    /** A Luhn-valid card ending in 0002, which the simulated channels decline as blocked. */
    static String blockedCard() {
        return cardEnding("0002");
    }

    /** A Luhn-valid card ending in 0003, which swiftpay's own risk controls decline and bankwire pays. */
    static String cardSwiftpayDeclines() {
        return cardEnding("0003");
    }

    private static String cardEnding(String suffix) {
        for (int i = 0; i < 100; i++) {
            String candidate = "6222020200123" + String.format("%02d", i) + suffix;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    static boolean luhn(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int digit = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
