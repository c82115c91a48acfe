package com.swiftlend.records.model;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every score a serving model version gave ({@code credit_score}): the champion's, which the rules
 * decided on, and each challenger's in shadow, never acted on. What the shadow report compares
 * and the stability index reads.
 */
@Component
public class CreditScores {

    /**
     * One version's score of one application; the numbers are null when it could not score.
     *
     * @param reasonsJson the reason codes, as JSON
     * @param unscoredJson why it could not score, as JSON; null when it scored
     */
    public record Scored(UUID applicationId, String modelVersion, boolean champion, Double probabilityOfDefault,
            Integer score, String band, String reasonsJson, String unscoredJson, Instant scoredAt) {
    }

    /** The champion's score and a challenger's, for the same application. */
    public record Pair(UUID applicationId, String championVersion, Double championProbability, Integer championScore,
            String championBand, String championOutcome, Double challengerProbability, Integer challengerScore,
            String challengerBand, String challengerOutcome) {
    }

    private final JdbcTemplate jdbc;

    CreditScores(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the first score: a retried activity scores the same record with the same version. */
    public void record(Scored scored) {
        jdbc.update("""
                insert into credit_score (application_id, model_version, champion, probability_of_default, score,
                                          band, reasons, unscored, scored_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
                on conflict do nothing""", scored.applicationId(), scored.modelVersion(), scored.champion(),
                scored.probabilityOfDefault(), scored.score(), scored.band(), scored.reasonsJson(),
                scored.unscoredJson(), Timestamp.from(scored.scoredAt()));
    }

    /** The champion's score of an application, if it was scored: what a retried score answers again. */
    public Optional<Scored> champion(UUID applicationId) {
        return jdbc.query("""
                select model_version, probability_of_default, score, band, reasons::text, unscored::text, scored_at
                from credit_score where application_id = ? and champion""",
                (row, n) -> new Scored(applicationId, row.getString(1), true, row.getObject(2, Double.class),
                        row.getObject(3, Integer.class), row.getString(4), row.getString(5), row.getString(6),
                        row.getTimestamp(7).toInstant()), applicationId).stream().findFirst();
    }

    /** The challengers' scores of an application, for the decision to evaluate in shadow. */
    public List<Scored> challengers(UUID applicationId) {
        return jdbc.query("""
                select model_version, probability_of_default, score, band, reasons::text, unscored::text, scored_at
                from credit_score where application_id = ? and not champion and probability_of_default is not null
                order by model_version""",
                (row, n) -> new Scored(applicationId, row.getString(1), false, row.getObject(2, Double.class),
                        row.getObject(3, Integer.class), row.getString(4), row.getString(5), row.getString(6),
                        row.getTimestamp(7).toInstant()), applicationId);
    }

    /** What the champion rule set would have decided on a challenger's probability: stored, never acted on. */
    public void recordShadowOutcome(UUID applicationId, String modelVersion, String outcome) {
        jdbc.update("update credit_score set shadow_outcome = ? where application_id = ? and model_version = ?"
                + " and shadow_outcome is null", outcome, applicationId, modelVersion);
    }

    /** A challenger's most recent scores with the champion's and the decision's outcome beside them. */
    public List<Pair> pairs(String challengerVersion, int limit) {
        return jdbc.query("""
                select s.application_id, c.model_version, c.probability_of_default, c.score, c.band, d.outcome,
                       s.probability_of_default, s.score, s.band, s.shadow_outcome
                from credit_score s
                join credit_score c on c.application_id = s.application_id and c.champion
                join decision_record d on d.application_id = s.application_id
                where s.model_version = ? and not s.champion
                order by s.scored_at desc limit ?""",
                (row, n) -> new Pair(row.getObject(1, UUID.class), row.getString(2), row.getObject(3, Double.class),
                        row.getObject(4, Integer.class), row.getString(5), row.getString(6),
                        row.getObject(7, Double.class), row.getObject(8, Integer.class), row.getString(9),
                        row.getString(10)), challengerVersion, limit);
    }

    /** A version's most recent live scores (newest first): what its stability index compares with its card. */
    public List<Integer> recentScores(String modelVersion, int limit) {
        return jdbc.queryForList("select score from credit_score where model_version = ? and score is not null"
                + " order by scored_at desc limit ?", Integer.class, modelVersion, limit);
    }
}
