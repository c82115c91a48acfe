package com.swiftlend.simulators.bureau;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CreditFileGeneratorTest {

    private static final int POPULATION = 20_000;
    private static final List<CreditReport> REPORTS = new ArrayList<>();

    @BeforeAll
    static void generatePopulation() {
        for (int i = 0; i < POPULATION; i++) {
            REPORTS.add(CreditFileGenerator.reportFor(String.format("3201021985%08d", i)));
        }
    }

    @Test
    void givenPopulation_whenReportsGenerated_aboutEightPercentAreNoHits() {
        double noHitShare = REPORTS.stream().filter(report -> !report.hit()).count() / (double) POPULATION;

        assertThat(noHitShare).isBetween(0.065, 0.095);
    }

    @Test
    void givenNoHit_itsNumbersAreAllZero() {
        CreditReport noHit = REPORTS.stream().filter(report -> !report.hit()).findFirst().orElseThrow();

        assertThat(noHit.creditScore()).isZero();
        assertThat(noHit.delinquencies()).isZero();
        assertThat(noHit.openLoans()).isZero();
        assertThat(noHit.totalDebt()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(noHit.inquiriesLast6Months()).isZero();
    }

    @Test
    void givenPopulation_whenReportsGenerated_mostScoresLieBetween550And780() {
        List<CreditReport> hits = REPORTS.stream().filter(CreditReport::hit).toList();
        double typical = hits.stream().filter(report -> report.creditScore() >= 550 && report.creditScore() <= 780)
                .count() / (double) hits.size();

        assertThat(hits).allSatisfy(report -> assertThat(report.creditScore()).isBetween(300, 850));
        assertThat(typical).isGreaterThan(0.8);
    }

    @Test
    void givenPopulation_whenReportsGenerated_delinquencyIsRareAndConcentratedInLowScores() {
        List<CreditReport> hits = REPORTS.stream().filter(CreditReport::hit).toList();
        double overall = share(hits.stream().filter(report -> report.delinquencies() > 0).count(), hits.size());
        List<CreditReport> low = hits.stream().filter(report -> report.creditScore() < 580).toList();
        List<CreditReport> high = hits.stream().filter(report -> report.creditScore() >= 700).toList();
        double lowShare = share(low.stream().filter(report -> report.delinquencies() > 0).count(), low.size());
        double highShare = share(high.stream().filter(report -> report.delinquencies() > 0).count(), high.size());

        assertThat(overall).isLessThan(0.3);
        assertThat(lowShare).isGreaterThan(highShare * 5);
        assertThat(hits).allSatisfy(report -> assertThat(report.delinquencies()).isBetween(0, 4));
    }

    @Test
    void givenOpenLoans_totalDebtIsPositiveAndOnlyThen() {
        List<CreditReport> hits = REPORTS.stream().filter(CreditReport::hit).toList();

        assertThat(hits).allSatisfy(report -> {
            assertThat(report.totalDebt().signum() > 0).isEqualTo(report.openLoans() > 0);
            assertThat(report.totalDebt().scale()).isEqualTo(2);
        });
    }

    @Test
    void givenIdNumberEndingInLowerCaseX_itIsTheSamePersonAsUpperCaseX() {
        assertThat(CreditFileGenerator.reportFor("11010119900101123x"))
                .isEqualTo(CreditFileGenerator.reportFor(" 11010119900101123X "));
    }

    private static double share(long count, int of) {
        return count / (double) of;
    }
}
