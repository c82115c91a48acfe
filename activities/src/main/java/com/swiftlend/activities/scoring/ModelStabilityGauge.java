package com.swiftlend.activities.scoring;

import com.swiftlend.records.model.CreditScores;
import com.swiftlend.scoring.CreditModel;
import com.swiftlend.scoring.Stability;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The value behind the {@code swiftlend.model.psi} gauge of each serving version: its stability
 * index over its latest live scores, recomputed at most every {@code swiftlend.scoring.stability-every}
 * so a scrape never becomes a query per meter. Null (NaN on the gauge) until a version has
 * enough scores to read.
 */
@Component
class ModelStabilityGauge {

    private record Computed(Double psi, Instant at) {
    }

    private final CreditScores scores;
    private final ScoringProperties properties;
    private final Clock clock;
    private final Map<String, Computed> computed = new ConcurrentHashMap<>();

    ModelStabilityGauge(CreditScores scores, ScoringProperties properties, Clock clock) {
        this.scores = scores;
        this.properties = properties;
        this.clock = clock;
    }

    Double psi(CreditModel model) {
        Instant now = clock.instant();
        Computed held = computed.get(model.version());
        if (held == null || !now.isBefore(held.at().plus(properties.stabilityEvery()))) {
            Stability.Report report = Stability.of(model.card(),
                    scores.recentScores(model.version(), properties.stabilityScores()));
            held = new Computed(report.liveScores() >= Stability.MIN_SCORES ? report.psi() : null, now);
            computed.put(model.version(), held);
        }
        return held.psi();
    }
}
