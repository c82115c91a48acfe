package com.swiftlend.benchmarks;

import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.EvaluatorUtil;
import org.jpmml.evaluator.FieldValue;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One PMML scoring of an applicant with the model file the scoring activity ships. The activity's
 * scorer is package-private, so this drives JPMML-Evaluator the same way it does: prepare every
 * input field, evaluate. Preparing is inside the measured call because the activity does it on
 * every request too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class CreditScoringBenchmark {

    static final String MODEL = "models/credit-risk-placeholder.pmml";

    /** BUREAU_MISSING exercises the model's missing-value replacement path. */
    @Param({"FULL_FEATURES", "BUREAU_MISSING"})
    public String scenario;

    private Evaluator evaluator;
    private List<InputField> inputs;
    private Map<String, Object> features;

    @Setup
    public void loadModel() throws Exception {
        try (InputStream pmml = CreditScoringBenchmark.class.getClassLoader().getResourceAsStream(MODEL)) {
            if (pmml == null) {
                throw new IllegalStateException(MODEL + " is not on the classpath (swiftlend-activities jar)");
            }
            evaluator = new LoadingModelEvaluatorBuilder().load(pmml).build();
        }
        evaluator.verify();
        inputs = List.copyOf(evaluator.getInputFields());

        // A HashMap, because missing bureau fields must reach the model as null, like in the activity.
        features = new HashMap<>();
        boolean bureauAnswered = scenario.equals("FULL_FEATURES");
        features.put("creditScore", bureauAnswered ? 712 : null);
        features.put("delinquencies", bureauAnswered ? 0 : null);
        features.put("bureauHit", bureauAnswered ? 1 : null);
        features.put("fraudScore", 18);
        features.put("applicationsLast24h", 1);
        features.put("applicantsOnDevice", 1);
        features.put("amount", 3000.0);
        features.put("termDays", 30);
    }

    @Benchmark
    public Map<String, ?> score() {
        Map<String, FieldValue> arguments = new LinkedHashMap<>();
        for (InputField input : inputs) {
            arguments.put(input.getName(), input.prepare(features.get(input.getName())));
        }
        // Decoded as the activity does, so the benchmark pays for the same result conversion.
        return EvaluatorUtil.decodeAll(evaluator.evaluate(arguments));
    }
}
