package com.swiftlend.activities.scoring;

import com.swiftlend.scoring.Stability;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the credit models are served.
 *
 * @param refresh how often each worker asks the registry which versions serve
 * @param stabilityEvery how often a version's stability index is recomputed for its metric
 * @param stabilityScores how many of a version's latest live scores the index reads
 */
@ConfigurationProperties("swiftlend.scoring")
public record ScoringProperties(@DefaultValue("1s") Duration refresh, @DefaultValue("60s") Duration stabilityEvery,
        @DefaultValue(Stability.DEFAULT_WINDOW) int stabilityScores) {
}
