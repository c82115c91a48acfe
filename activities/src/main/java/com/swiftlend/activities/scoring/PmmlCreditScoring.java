package com.swiftlend.activities.scoring;

import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskProfile;
import com.swiftlend.workflows.scoring.CreditScore;
import com.swiftlend.workflows.scoring.CreditScoring;
import com.swiftlend.workflows.scoring.ScoringRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.EvaluatorUtil;
import org.jpmml.evaluator.FieldValue;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.jpmml.evaluator.ModelEvaluator;
import org.springframework.stereotype.Component;

/**
 * Scores applicants in-process with JPMML-Evaluator. The model is loaded, verified and warmed at
 * start-up (first load takes seconds; never on a borrower's request). JPMML scores a missing input
 * silently as missing, so the features are checked against the model's inputs at load time and
 * every request supplies every feature: null only where a source was truly unavailable.
 */
@Component
class PmmlCreditScoring implements CreditScoring {

    static final String OUTPUT = "probabilityOfDefault";
    static final Set<String> FEATURES = Set.of("creditScore", "delinquencies", "bureauHit", "fraudScore",
            "applicationsLast24h", "applicantsOnDevice", "amount", "termDays");

    private final Evaluator evaluator;
    private final String modelVersion;

    PmmlCreditScoring(ScoringProperties properties) throws IOException {
        try (InputStream pmml = properties.model().getInputStream()) {
            this.evaluator = new LoadingModelEvaluatorBuilder().load(pmml).build();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the credit model " + properties.model(), e);
        }
        evaluator.verify();
        Set<String> inputs = evaluator.getInputFields().stream().map(InputField::getName).collect(Collectors.toSet());
        if (!FEATURES.containsAll(inputs)) {
            throw new IllegalStateException("The credit model wants inputs we do not produce: " + inputs);
        }
        this.modelVersion = ((ModelEvaluator<?>) evaluator).getModel().getModelName();
        warmUp();
    }

    /** The first evaluations are slow (class loading, JIT); pay for them before serving borrowers. */
    private void warmUp() {
        Map<String, FieldValue> arguments = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            arguments.clear();
            for (InputField input : evaluator.getInputFields()) {
                arguments.put(input.getName(), input.prepare(input.getName().equals("amount") ? 1000.0 + i : 30));
            }
            evaluator.evaluate(arguments);
        }
    }

    @Override
    public CreditScore score(ScoringRequest request) {
        if (request.amount() == null || request.amount().signum() <= 0 || request.termDays() <= 0) {
            throw ApplicationFailure.newNonRetryableFailure("amount and term are required to score",
                    Failures.INVALID_INPUT.name());
        }
        Map<String, Object> features = features(request);
        Map<String, FieldValue> arguments = new LinkedHashMap<>();
        for (InputField input : evaluator.getInputFields()) {
            arguments.put(input.getName(), input.prepare(features.get(input.getName())));
        }
        Map<String, ?> results = EvaluatorUtil.decodeAll(evaluator.evaluate(arguments));
        Object probability = results.get(OUTPUT);
        if (!(probability instanceof Number number)) {
            throw new IllegalStateException("The credit model gave no " + OUTPUT);
        }
        return new CreditScore(modelVersion, number.doubleValue());
    }

    String modelVersion() {
        return modelVersion;
    }

    private static Map<String, Object> features(ScoringRequest request) {
        RiskProfile risk = request.risk();
        Map<String, Object> features = new HashMap<>();
        features.put("creditScore", risk.bureau().creditScore());
        features.put("delinquencies", risk.bureau().delinquencies());
        boolean bureauAnswered = risk.bureau().outcome() != RiskOutcome.UNAVAILABLE;
        features.put("bureauHit", bureauAnswered ? (risk.bureau().hit() ? 1 : 0) : null);
        features.put("fraudScore", risk.fraud().score());
        features.put("applicationsLast24h", risk.velocity().applicationsLast24h());
        features.put("applicantsOnDevice", risk.device().applicantsOnDevice());
        features.put("amount", request.amount().doubleValue());
        features.put("termDays", request.termDays());
        return features;
    }
}
