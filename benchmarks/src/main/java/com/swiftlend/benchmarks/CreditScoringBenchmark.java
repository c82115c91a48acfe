package com.swiftlend.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.model.training.CreditData;
import com.swiftlend.scoring.CreditModel;
import com.swiftlend.scoring.FeatureMapping;
import com.swiftlend.scoring.ShippedModel;
import com.swiftlend.workflows.risk.BureauHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * One score as the scoring activity computes it (issue 11): the shipped model's feature mapping
 * from the applicant's age and bureau history, the range checks, the evaluation and the reason
 * codes (one evaluation more per reason group), on the data set's held-out clients in turn, the
 * records the simulated bureau answers with. {@link CreditModelBenchmark#score} is the bare
 * evaluation of the same model: the ratio is what mapping, checks and reason codes cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class CreditScoringBenchmark {

    private CreditModel model;
    private final List<FeatureMapping.Applicant> applicants = new ArrayList<>();
    private int next;

    @Setup
    public void loadModel() throws Exception {
        ShippedModel shipped = ShippedModel.load();
        model = CreditModel.load(shipped.version(), shipped.pmml(), shipped.featureMapping(), shipped.card(),
                new ObjectMapper());
        List<CreditData.Client> heldOut = CreditData.split(CreditData.readBundled(), CreditData.SPLIT_SEED).test();
        for (CreditData.Client client : heldOut.subList(0, 1024)) {
            applicants.add(applicant(client.features()));
        }
    }

    private static FeatureMapping.Applicant applicant(float[] f) {
        int feature = CreditData.FEATURES.indexOf("pay_0");
        List<Integer> status = new ArrayList<>();
        List<Long> bills = new ArrayList<>();
        List<Long> paid = new ArrayList<>();
        for (int month = 0; month < 6; month++) {
            status.add((int) f[feature + month]);
            bills.add((long) f[CreditData.FEATURES.indexOf("bill_amt" + (month + 1))]);
            paid.add((long) f[CreditData.FEATURES.indexOf("pay_amt" + (month + 1))]);
        }
        return new FeatureMapping.Applicant((int) f[CreditData.FEATURES.indexOf("age")],
                new BureauHistory((long) f[CreditData.FEATURES.indexOf("limit_bal")], status, bills, paid));
    }

    @Benchmark
    public CreditModel.Score score() {
        return model.score(applicants.get(next++ & 1023));
    }
}
