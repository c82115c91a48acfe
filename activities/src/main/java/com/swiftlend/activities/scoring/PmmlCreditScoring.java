package com.swiftlend.activities.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.activities.applicant.ApplicantHistory;
import com.swiftlend.records.model.CreditScores;
import com.swiftlend.scoring.CreditModel;
import com.swiftlend.scoring.FeatureMapping;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.scoring.CreditScore;
import com.swiftlend.workflows.scoring.CreditScoring;
import com.swiftlend.workflows.scoring.ScoreReason;
import com.swiftlend.workflows.scoring.ScoringRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Scores an applicant with the registry's champion model, in-process (JPMML-Evaluator), and each
 * challenger in shadow on the same inputs. The inputs are the applicant's age (from the ID
 * number's birth date, as of the day they applied) and the credit bureau's repayment history,
 * mapped by the model's own feature mapping. An applicant the model cannot score (no bureau
 * history, an input missing or out of range) gets an explicit unscored result saying why, never
 * a probability made up from missing values. Every score is recorded; challengers' are never
 * returned, and nothing a challenger fails at fails the score. A retry answers the score its first
 * attempt recorded, even if another champion was promoted in between.
 */
@Component
class PmmlCreditScoring implements CreditScoring {

    private static final Logger log = LoggerFactory.getLogger(PmmlCreditScoring.class);
    private static final TypeReference<List<ScoreReason>> REASONS = new TypeReference<>() {
    };

    private final ServingModels models;
    private final ApplicantHistory applicants;
    private final CreditScores scores;
    private final ObjectMapper json;
    private final Clock clock;

    PmmlCreditScoring(ServingModels models, ApplicantHistory applicants, CreditScores scores, ObjectMapper json,
            Clock clock) {
        this.models = models;
        this.applicants = applicants;
        this.scores = scores;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public CreditScore score(ScoringRequest request) {
        if (request.amount() == null || request.amount().signum() <= 0 || request.termDays() <= 0) {
            throw ApplicationFailure.newNonRetryableFailure("amount and term are required to score",
                    Failures.INVALID_INPUT.name());
        }
        UUID applicationId = UUID.fromString(request.applicationId());
        Optional<CreditScores.Scored> first = scores.champion(applicationId);
        if (first.isPresent()) {
            return recorded(first.get());
        }
        FeatureMapping.Applicant applicant = new FeatureMapping.Applicant(applicants.age(applicationId),
                request.risk().bureau().history());
        ServingModels.Serving serving = models.serving();
        CreditScore score = score(serving.champion(), applicant);
        record(applicationId, score, true);
        for (CreditModel challenger : serving.challengers()) {
            try {
                record(applicationId, score(challenger, applicant), false);
            } catch (RuntimeException e) {
                log.warn("Challenger model {} could not score application {} in shadow", challenger.version(),
                        applicationId, e);
            }
        }
        return score;
    }

    private static CreditScore score(CreditModel model, FeatureMapping.Applicant applicant) {
        try {
            CreditModel.Score score = model.score(applicant);
            return new CreditScore(model.version(), score.probabilityOfDefault(), score.points(), score.band(),
                    score.reasons(), null);
        } catch (CreditModel.UnscorableException e) {
            return CreditScore.unscored(model.version(), e.reason());
        }
    }

    private void record(UUID applicationId, CreditScore score, boolean champion) {
        try {
            scores.record(new CreditScores.Scored(applicationId, score.modelVersion(), champion,
                    score.probabilityOfDefault(), score.score(), score.band(), json.writeValueAsString(score.reasons()),
                    score.unscored() == null ? null : json.writeValueAsString(score.unscored()), clock.instant()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record a score", e);
        }
    }

    private CreditScore recorded(CreditScores.Scored scored) {
        try {
            return new CreditScore(scored.modelVersion(), scored.probabilityOfDefault(), scored.score(), scored.band(),
                    json.readValue(scored.reasonsJson(), REASONS),
                    scored.unscoredJson() == null ? null : json.readValue(scored.unscoredJson(), ScoreReason.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A recorded score is unreadable", e);
        }
    }
}
