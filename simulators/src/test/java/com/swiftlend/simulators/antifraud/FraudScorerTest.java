package com.swiftlend.simulators.antifraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FraudScorerTest {

    private static final int POPULATION = 20_000;

    @Test
    void givenPopulation_whenAssessed_verdictsSplitRoughly85To10To5() {
        Map<Verdict, Long> counts = population().stream()
                .collect(Collectors.groupingBy(Assessment::verdict, Collectors.counting()));

        assertThat(counts.get(Verdict.ACCEPT) / (double) POPULATION).isBetween(0.83, 0.87);
        assertThat(counts.get(Verdict.REVIEW) / (double) POPULATION).isBetween(0.085, 0.115);
        assertThat(counts.get(Verdict.DENY) / (double) POPULATION).isBetween(0.04, 0.06);
    }

    @Test
    void givenAnyAssessment_itsVerdictMatchesItsScoreAndSignalsExplainNonAccepts() {
        assertThat(population()).allSatisfy(assessment -> {
            switch (assessment.verdict()) {
                case ACCEPT -> {
                    assertThat(assessment.score()).isBetween(0, 39);
                    assertThat(assessment.signals()).isEmpty();
                }
                case REVIEW -> {
                    assertThat(assessment.score()).isBetween(40, 79);
                    assertThat(assessment.signals()).hasSizeBetween(1, 2).doesNotHaveDuplicates();
                }
                case DENY -> {
                    assertThat(assessment.score()).isBetween(80, 100);
                    assertThat(assessment.signals()).hasSizeBetween(2, 3).doesNotHaveDuplicates();
                }
            }
        });
    }

    @Test
    void givenSamePersonOnAnotherDevice_whenAssessed_theScoreCanDiffer() {
        Set<Integer> scoresAcrossDevices = IntStream.range(0, 50)
                .mapToObj(device -> FraudScorer.assess(new AssessmentRequest(
                        "APP-1", "110101199001011234", null, "device-" + device, null)).score())
                .collect(Collectors.toSet());

        assertThat(scoresAcrossDevices).hasSizeGreaterThan(10);
    }

    private static List<Assessment> population() {
        List<Assessment> assessments = new ArrayList<>();
        for (int i = 0; i < POPULATION; i++) {
            assessments.add(FraudScorer.assess(new AssessmentRequest(
                    "APP-" + i, String.format("4403051990%08d", i), "139" + i, "device-" + i, "10.0.0.1")));
        }
        return assessments;
    }
}
