package com.swiftlend.model.training;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The model card as a person reads it: the same content as the JSON, as Markdown. */
final class ModelCardMarkdown {

  private ModelCardMarkdown() {
  }

  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> card) {
    StringBuilder md = new StringBuilder();
    md.append("# Model card: ").append(card.get("version")).append("\n\n");
    Map<String, Object> dataset = (Map<String, Object>) card.get("dataset");
    md.append("**Data.** ").append(dataset.get("name")).append(", `").append(dataset.get("file"))
        .append("` (SHA-256 `").append(dataset.get("sha256")).append("`), ").append(dataset.get("rows"))
        .append(" clients, default rate ").append(pct((Double) dataset.get("defaultRate"))).append(". ")
        .append(dataset.get("licence")).append("; ").append(dataset.get("citation")).append(".\n\n");
    Map<String, Object> split = (Map<String, Object>) card.get("split");
    md.append("**Split.** ").append(split.get("method")).append(": ").append(split.get("train")).append(" train, ")
        .append(split.get("validation")).append(" validation (early stopping), ").append(split.get("test"))
        .append(" test (every figure below).\n\n");
    md.append("| held-out | value |\n|---|---|\n| AUC | ").append(card.get("auc")).append(" |\n| KS | ")
        .append(card.get("ks")).append(" |\n| Gini | ").append(card.get("gini")).append(" |\n\n");
    if (card.get("protectedAttributes") instanceof Map<?, ?> fair) {
      md.append("**Fair lending.** Sex and marital status are not inputs. With them the same training reaches AUC ")
          .append(fair.get("aucWithSexAndMarriage")).append("; leaving them out costs ")
          .append(fair.get("aucCostOfLeavingThemOut")).append(".\n\n");
    }
    md.append("**Features** (monotonic constraint: +1 never lowers the PD as it grows, −1 never raises it):\n\n")
        .append("| feature | meaning | from | monotone |\n|---|---|---|---|\n");
    for (FeatureMeaning.Feature feature : (List<FeatureMeaning.Feature>) card.get("features")) {
      md.append("| `").append(feature.name()).append("` | ").append(feature.meaning()).append(" | ")
          .append(feature.source()).append(" | ").append(feature.monotone()).append(" |\n");
    }
    md.append("\nExcluded: ");
    ((Map<String, Object>) card.get("excluded")).forEach((what, why) -> md.append(what).append(" (").append(why)
        .append("); "));
    md.append("\n\nWhat the flow supplies: ").append(card.get("unsuppliedByTheFlow")).append(".\n\n");
    md.append("**Hyper-parameters.** `").append(card.get("hyperParameters")).append("`\n\n");
    md.append("**Calibration** (test clients by predicted PD, deciles):\n\n| decile | clients | mean predicted | observed |\n|---|---|---|---|\n");
    for (ModelMetrics.Calibration c : (List<ModelMetrics.Calibration>) card.get("calibration")) {
      md.append("| ").append(c.decile()).append(" | ").append(c.clients()).append(" | ").append(pct(c.meanPredicted()))
          .append(" | ").append(pct(c.observedDefaultRate())).append(" |\n");
    }
    md.append("\n**Score bands** (").append(card.get("scoreScale")).append("):\n\n| band | score | clients | observed default rate |\n|---|---|---|---|\n");
    for (ModelMetrics.ScoreBand b : (List<ModelMetrics.ScoreBand>) card.get("scoreBands")) {
      md.append("| ").append(b.band()).append(" | ").append(b.fromScore()).append("–").append(b.toScore()).append(" | ")
          .append(b.clients()).append(" | ").append(pct(b.observedDefaultRate())).append(" |\n");
    }
    md.append("\n**Published results.** ").append(card.get("publishedResults")).append("\n");
    return md.toString();
  }

  private static String pct(double rate) {
    return String.format(Locale.ROOT, "%.1f %%", rate * 100);
  }
}
