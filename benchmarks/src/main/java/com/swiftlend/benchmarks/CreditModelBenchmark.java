package com.swiftlend.benchmarks;

import com.swiftlend.model.training.CreditData;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The trained credit model (issue 11, {@code credit-model/model/taiwan-xgb-1.pmml}, 243 trees of
 * depth 3) scored by JPMML-Evaluator on real clients of the data set, one at a time: prepare every
 * input, evaluate, decode the probability of default. Run from the repository root (the model and
 * the data are read from there). {@code load} is a cold load and verification of the file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class CreditModelBenchmark {

    static final Path MODEL = Path.of("credit-model/model/taiwan-xgb-1.pmml");
    static final Path DATA = Path.of("credit-model/data/taiwan-default/UCI_Credit_Card.csv");

    private Evaluator evaluator;
    private List<InputField> inputs;
    private final List<Map<String, Object>> clients = new ArrayList<>();
    private int next;

    @Setup
    public void loadModel() throws Exception {
        evaluator = new LoadingModelEvaluatorBuilder().load(MODEL.toFile()).build();
        evaluator.verify();
        inputs = List.copyOf(evaluator.getInputFields());
        for (CreditData.Client client : CreditData.read(DATA, 1024)) {
            Map<String, Object> features = new LinkedHashMap<>();
            for (int i = 0; i < client.features().length; i++) {
                features.put(CreditData.FEATURES.get(i), client.features()[i]);
            }
            clients.add(features);
        }
    }

    @Benchmark
    public double score() {
        Map<String, Object> features = clients.get(next++ & 1023);
        Map<String, FieldValue> arguments = new LinkedHashMap<>();
        for (InputField input : inputs) {
            arguments.put(input.getName(), input.prepare(features.get(input.getName())));
        }
        Map<String, ?> results = EvaluatorUtil.decodeAll(evaluator.evaluate(arguments));
        return ((Number) results.get("probability(1)")).doubleValue();
    }

    /** A cold load: parse the 0.6 MB file, build the evaluator, check its 200 verification records. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 5, jvmArgs = {"-Xmx512m"})
    public Evaluator load() throws Exception {
        File file = MODEL.toFile();
        Evaluator cold = new LoadingModelEvaluatorBuilder().load(file).build();
        cold.verify();
        return cold;
    }
}
