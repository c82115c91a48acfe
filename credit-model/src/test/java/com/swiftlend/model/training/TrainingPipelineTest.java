package com.swiftlend.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.EvaluatorUtil;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training pipeline on a deterministic sample (the file's first 3,000 rows, 60 rounds at
 * most): it still produces a PMML that loads and reproduces XGBoost's own predictions, a card
 * with the held-out figures, and a model that keeps the monotonic constraints. Not the full run.
 */
class TrainingPipelineTest {

  private static final Path DATA = Path.of("data/taiwan-default/UCI_Credit_Card.csv");

  @TempDir
  static Path out;

  private static TrainCreditModel.Trained trained;
  private static Evaluator evaluator;

  @BeforeAll
  static void train() throws Exception {
    try {
      new ml.dmlc.xgboost4j.java.DMatrix(new float[] {1}, 1, 1, Float.NaN).dispose();
    } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
      // XGBoost's native library needs the OpenMP runtime, which a bare machine may not have.
      String message = "XGBoost's native library does not load (" + e + "); install the OpenMP runtime to run the"
          + " training test: apt-get install -y libgomp1";
      System.err.println("SKIPPED TrainingPipelineTest: " + message);
      org.junit.jupiter.api.Assumptions.abort(message);
    }
    trained = TrainCreditModel.train(new TrainCreditModel.Options(DATA, out, 3000, 60, 10, "sample", false));
    evaluator = new LoadingModelEvaluatorBuilder().load(trained.pmml().toFile()).build();
  }

  @Test
  void thePmmlLoadsAndVerifiesItsOwnRecords() {
    assertThat(trained.pmml()).exists();
    evaluator.verify(); // throws if the PMML does not reproduce the recorded XGBoost predictions
    assertThat(evaluator.getInputFields()).extracting(field -> field.getName())
        .containsExactlyInAnyOrderElementsOf(CreditData.FEATURES)
        .doesNotContain("sex", "marriage", "education");
  }

  @Test
  void thePmmlReproducesXgboostOnEveryHeldOutRowToOneInAMillion() throws Exception {
    List<CreditData.Client> clients = CreditData.read(DATA, 3000);
    List<CreditData.Client> test = CreditData.split(clients, TrainCreditModel.SEED).test();
    TrainCreditModel.Fit fit = refit(clients);
    double[] xgboost = fit.predict(test, false);
    double worst = 0;
    for (int i = 0; i < test.size(); i++) {
      worst = Math.max(worst, Math.abs(pmml(test.get(i).features()) - xgboost[i]));
    }
    assertThat(worst).isLessThan(1e-6);
  }

  @Test
  void moreMonthsOverdueNeverLowersThePdAndAHigherLimitNeverRaisesIt() throws Exception {
    float[] client = CreditData.read(DATA, 1).get(0).features().clone();
    double previous = -1;
    for (int months = -2; months <= 8; months++) {
      client[2] = months; // pay_0
      double pd = pmml(client);
      assertThat(pd).as("pay_0 = %d", months).isGreaterThanOrEqualTo(previous);
      previous = pd;
    }
    previous = 2;
    for (int limit = 10_000; limit <= 800_000; limit += 10_000) {
      client[0] = limit;
      double pd = pmml(client);
      assertThat(pd).as("limit_bal = %d", limit).isLessThanOrEqualTo(previous);
      previous = pd;
    }
  }

  @Test
  void theCardHoldsTheHeldOutFiguresAndTheDataSetChecksum() throws Exception {
    Map<String, Object> card = trained.modelCard();
    assertThat((Double) card.get("auc")).isBetween(0.65, 1.0);
    assertThat((Double) card.get("gini")).isEqualTo(Math.round((2 * (Double) card.get("auc") - 1) * 10_000) / 10_000.0,
        org.assertj.core.data.Offset.offset(1e-4));
    assertThat(card.get("dataset").toString()).contains(
        "023eb2c3ad9efd15e7869616fa50a0143f25223105c7069ba632431530afdb61");
    assertThat(Files.readString(out.resolve("sample.card.md"))).contains("| AUC |", "Calibration", "Score bands");
  }

  @Test
  void theFeatureMappingNamesASourceForEveryModelInputAndNothingElse() throws Exception {
    com.fasterxml.jackson.databind.JsonNode mapping = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.resolve("sample.features.json").toFile());
    List<String> mapped = new java.util.ArrayList<>();
    mapping.get("inputs").fieldNames().forEachRemaining(mapped::add);
    assertThat(mapped).containsExactlyInAnyOrderElementsOf(
        evaluator.getInputFields().stream().map(field -> field.getName()).toList());
    mapping.get("inputs").forEach(source -> assertThat(source.asText()).matches("(bureau|applicant)\\.[a-zA-Z]+(\\[[0-5]\\])?"));
    assertThat(mapping.get("mappingVersion").asInt()).isEqualTo(FeatureMeaning.MAPPING_VERSION);
  }

  private static TrainCreditModel.Fit refitted;

  /** The same training again: one thread and a fixed seed give the same trees. */
  private static TrainCreditModel.Fit refit(List<CreditData.Client> clients) throws Exception {
    if (refitted == null) {
      refitted = TrainCreditModel.fit(CreditData.split(clients, TrainCreditModel.SEED),
          new TrainCreditModel.Options(DATA, out, 3000, 60, 10, "sample", false), false);
    }
    return refitted;
  }

  private static double pmml(float[] features) {
    Map<String, Object> arguments = new LinkedHashMap<>();
    for (int i = 0; i < features.length; i++) {
      arguments.put(CreditData.FEATURES.get(i), features[i]);
    }
    Map<String, ?> results = EvaluatorUtil.decodeAll(evaluator.evaluate(arguments));
    return ((Number) results.get(TrainCreditModel.PROBABILITY_OF_DEFAULT)).doubleValue();
  }
}
