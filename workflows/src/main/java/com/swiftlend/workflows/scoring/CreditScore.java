package com.swiftlend.workflows.scoring;

/** The model's estimate that the applicant defaults, and which model said so. */
public record CreditScore(String modelVersion, double probabilityOfDefault) {
}
