package com.swiftlend.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.workflows.risk.BureauHistory;
import com.swiftlend.workflows.scoring.ScoreReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped model served as the flow serves it, on two real clients of the Taiwan data set. */
class CreditModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ShippedModel shipped;
    private static CreditModel model;

    /** Client 119: a 400,000 limit, paid in full every month, did not default. */
    static final FeatureMapping.Applicant GOOD = new FeatureMapping.Applicant(34, new BureauHistory(400_000,
            List.of(-1, -1, -1, -1, -1, -1), List.of(19660L, 9666L, 11867L, 7839L, 14837L, 7959L),
            List.of(9677L, 11867L, 7839L, 14837L, 7959L, 5712L)));
    /** Client 63: a 50,000 limit, two months overdue for six months, defaulted. */
    static final FeatureMapping.Applicant BAD = new FeatureMapping.Applicant(29, new BureauHistory(50_000,
            List.of(2, 2, 2, 2, 2, 2), List.of(24987L, 24300L, 26591L, 25865L, 27667L, 28264L),
            List.of(0L, 2700L, 0L, 2225L, 1200L, 0L)));

    @BeforeAll
    static void load() {
        shipped = ShippedModel.load();
        model = CreditModel.load(shipped.version(), shipped.pmml(), shipped.featureMapping(), shipped.card(), JSON);
    }

    @Test
    void aClearlyGoodRecordScoresLowRiskWithNoStrongReasons() {
        CreditModel.Score score = model.score(GOOD);

        assertThat(score.probabilityOfDefault()).isLessThan(0.12);
        assertThat(score.points()).isGreaterThanOrEqualTo(650);
        assertThat(score.band()).isIn("A", "B");
        assertThat(score.reasons()).extracting(ScoreReason::code)
                .doesNotContain("RECENT_REPAYMENT", "REPAYMENT_HISTORY", "CREDIT_LIMIT");
    }

    @Test
    void aClearlyBadRecordScoresHighRiskAndItsReasonsAreItsLateRepayments() {
        CreditModel.Score score = model.score(BAD);

        assertThat(score.probabilityOfDefault()).isGreaterThan(0.5);
        assertThat(score.band()).isEqualTo("E");
        assertThat(score.reasons()).isNotEmpty().hasSizeLessThanOrEqualTo(CreditModel.MAX_REASONS);
        assertThat(score.reasons().get(0).code()).isIn("RECENT_REPAYMENT", "REPAYMENT_HISTORY");
        assertThat(score.reasons()).extracting(ScoreReason::code).contains("RECENT_REPAYMENT");
        assertThat(score.reasons()).allSatisfy(reason -> {
            assertThat(reason.points()).isGreaterThanOrEqualTo(CreditModel.MIN_POINTS);
            assertThat(reason.text()).isNotBlank();
        });
        assertThat(score.reasons()).extracting(ScoreReason::points).isSortedAccordingTo((a, b) -> b - a);
        // Age is an input, never a reason told to an applicant.
        assertThat(score.reasons()).extracting(ScoreReason::code).doesNotContain("AGE");
    }

    @Test
    void reasonCodesAreStable_theSameRecordGivesTheSameScoreAndReasons() {
        assertThat(model.score(BAD)).isEqualTo(model.score(BAD));
        CreditModel again = CreditModel.load(shipped.version(), shipped.pmml(), shipped.featureMapping(),
                shipped.card(), JSON);
        assertThat(again.score(BAD)).isEqualTo(model.score(BAD));
    }

    @Test
    void moreMonthsOverdueNeverLowersTheProbability() {
        double previous = 0;
        for (int overdue = -2; overdue <= 8; overdue++) {
            List<Integer> status = new ArrayList<>(GOOD.history().repaymentStatus());
            status.set(0, overdue);
            double probability = model.score(new FeatureMapping.Applicant(GOOD.age(), new BureauHistory(
                    GOOD.history().creditLimit(), status, GOOD.history().billAmounts(),
                    GOOD.history().paidAmounts()))).probabilityOfDefault();
            assertThat(probability).isGreaterThanOrEqualTo(previous);
            previous = probability;
        }
    }

    @Test
    void aMissingInputIsRefused_neverScoredAsMissing() {
        FeatureMapping.Applicant fiveMonths = new FeatureMapping.Applicant(34, new BureauHistory(400_000,
                List.of(-1, -1, -1, -1, -1), GOOD.history().billAmounts(), GOOD.history().paidAmounts()));
        FeatureMapping.Applicant noAge = new FeatureMapping.Applicant(null, GOOD.history());

        assertThatThrownBy(() -> model.score(fiveMonths)).isInstanceOf(CreditModel.UnscorableException.class)
                .extracting(e -> ((CreditModel.UnscorableException) e).reason().code())
                .isEqualTo("MODEL_INPUT_MISSING");
        assertThatThrownBy(() -> model.score(fiveMonths)).hasMessageContaining("pay_6");
        assertThatThrownBy(() -> model.score(noAge)).isInstanceOf(CreditModel.UnscorableException.class)
                .hasMessageContaining("age");
        assertThatThrownBy(() -> model.score(new FeatureMapping.Applicant(34, null)))
                .extracting(e -> ((CreditModel.UnscorableException) e).reason().code())
                .isEqualTo("NO_BUREAU_HISTORY");
    }

    @Test
    void anOutOfRangeInputIsRefused() {
        FeatureMapping.Applicant impossible = new FeatureMapping.Applicant(34, new BureauHistory(400_000,
                List.of(12, -1, -1, -1, -1, -1), GOOD.history().billAmounts(), GOOD.history().paidAmounts()));
        FeatureMapping.Applicant child = new FeatureMapping.Applicant(9, GOOD.history());

        assertThatThrownBy(() -> model.score(impossible))
                .extracting(e -> ((CreditModel.UnscorableException) e).reason().code())
                .isEqualTo("MODEL_INPUT_OUT_OF_RANGE");
        assertThatThrownBy(() -> model.score(impossible)).hasMessageContaining("pay_0");
        assertThatThrownBy(() -> model.score(child)).hasMessageContaining("age");
    }

    @Test
    void aPmmlThatDoesNotReproduceItsVerificationRecordsIsRefused() {
        String pmml = new String(shipped.pmml(), StandardCharsets.UTF_8);
        // The first leaf of the first tree, changed: the model still loads, its answers are wrong.
        int leaf = pmml.indexOf("score=\"", pmml.indexOf("<Node"));
        int end = pmml.indexOf('"', leaf + 7);
        String tampered = pmml.substring(0, leaf + 7) + "3.5" + pmml.substring(end);

        assertThatThrownBy(() -> CreditModel.load(shipped.version(), tampered.getBytes(StandardCharsets.UTF_8),
                shipped.featureMapping(), shipped.card(), JSON)).isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("verification");
    }

    @Test
    void aPmmlWithoutVerificationRecordsOrNotPmmlAtAllIsRefused() {
        String pmml = new String(shipped.pmml(), StandardCharsets.UTF_8);
        String unverifiable = pmml.substring(0, pmml.indexOf("<ModelVerification"))
                + pmml.substring(pmml.indexOf("</ModelVerification>") + "</ModelVerification>".length());

        assertThatThrownBy(() -> CreditModel.load(shipped.version(), unverifiable.getBytes(StandardCharsets.UTF_8),
                shipped.featureMapping(), shipped.card(), JSON)).hasMessageContaining("no ModelVerification");
        assertThatThrownBy(() -> CreditModel.load(shipped.version(), "<PMML>oops".getBytes(StandardCharsets.UTF_8),
                shipped.featureMapping(), shipped.card(), JSON)).isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("does not load");
        String withDoctype = pmml.replaceFirst("\\?>", "?><!DOCTYPE PMML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
        assertThatThrownBy(() -> CreditModel.load(shipped.version(), withDoctype.getBytes(StandardCharsets.UTF_8),
                shipped.featureMapping(), shipped.card(), JSON)).hasMessageContaining("DOCTYPE");
    }

    @Test
    void aFeatureMappingThatDoesNotFitTheModelIsRefused() {
        String mapping = new String(shipped.featureMapping(), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CreditModel.load(shipped.version(), shipped.pmml(),
                mapping.replace("\"applicant.age\"", "\"applicant.income\"").getBytes(StandardCharsets.UTF_8),
                shipped.card(), JSON)).hasMessageContaining("applicant.income");
        assertThatThrownBy(() -> CreditModel.load(shipped.version(), shipped.pmml(),
                mapping.replace("\"age\" : \"applicant.age\",", "").getBytes(StandardCharsets.UTF_8),
                shipped.card(), JSON)).hasMessageContaining("not the PMML's inputs");
        assertThatThrownBy(() -> CreditModel.load("another-name", shipped.pmml(), shipped.featureMapping(),
                shipped.card(), JSON)).hasMessageContaining("another-name");
    }

    @Test
    void stabilityOfTheTestDistributionItselfIsZero_andOfAShiftedOneIsLarge() {
        CreditModel.ScoreCard card = model.card();
        List<Integer> asTested = new ArrayList<>();
        for (int bin = 0; bin < card.binCounts().size(); bin++) {
            int score = bin == 0 ? 300 : card.binLowerEdges().get(bin - 1);
            for (int i = 0; i < card.binCounts().get(bin); i++) {
                asTested.add(score);
            }
        }
        List<Integer> allBad = java.util.Collections.nCopies(500, 420);

        assertThat(Stability.of(card, asTested).psi()).isLessThan(0.001);
        assertThat(Stability.of(card, asTested).reading()).isEqualTo("stable");
        assertThat(Stability.of(card, allBad).psi()).isGreaterThan(0.25);
        assertThat(Stability.of(card, allBad).reading()).isEqualTo("shifted");
        assertThat(Stability.of(card, List.of(600)).reading()).startsWith("too few");
    }
}
