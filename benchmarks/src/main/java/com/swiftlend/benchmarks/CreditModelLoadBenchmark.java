package com.swiftlend.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.scoring.CreditModel;
import com.swiftlend.scoring.ShippedModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a worker pays once per model version before it scores with it (issue 11): parse the PMML,
 * check its 200 verification records, fit its feature mapping and card, warm it up. Each fork is
 * a cold JVM, as a worker starting or picking up a promoted version in the background is.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgs = {"-Xmx512m"})
public class CreditModelLoadBenchmark {

    @Benchmark
    public CreditModel loadVerifyAndWarm() {
        ShippedModel shipped = ShippedModel.load();
        return CreditModel.load(shipped.version(), shipped.pmml(), shipped.featureMapping(), shipped.card(),
                new ObjectMapper());
    }
}
