package com.swiftlend.workflows.scoring;

import java.util.List;

/**
 * The model's estimate that the applicant defaults, and which model said so.
 *
 * @param probabilityOfDefault null when the model could not score the applicant ({@code unscored} says why)
 * @param score the probability on the model's points scale (300-850); null in histories written
 *     before scores had points, and when unscored
 * @param band the score's risk band; null like {@code score}
 * @param reasons what lowered the score most, worst first; empty when unscored and in older histories
 * @param unscored why there is no probability (NO_BUREAU_HISTORY, MODEL_INPUT_MISSING,
 *     MODEL_INPUT_OUT_OF_RANGE, with what was missing or out of range); null when scored
 */
public record CreditScore(String modelVersion, Double probabilityOfDefault, Integer score, String band,
        List<ScoreReason> reasons, ScoreReason unscored) {

    public CreditScore {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** A score as models gave it before they had points and reasons. */
    public CreditScore(String modelVersion, double probabilityOfDefault) {
        this(modelVersion, probabilityOfDefault, null, null, List.of(), null);
    }

    public static CreditScore unscored(String modelVersion, ScoreReason why) {
        return new CreditScore(modelVersion, null, null, null, List.of(), why);
    }
}
