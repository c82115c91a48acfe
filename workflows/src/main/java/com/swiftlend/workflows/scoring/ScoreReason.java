package com.swiftlend.workflows.scoring;

/**
 * One reason the score is lower than it could be: a group of the applicant's inputs, the text an
 * applicant is told, and how many points the score stays below what it would be were that group at
 * the model's reference values (a typical client who repaid). A reason the model could not
 * score at all has no points (0).
 */
public record ScoreReason(String code, String text, int points) {
}
