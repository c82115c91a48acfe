package com.swiftlend.model.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** How well predicted probabilities of default separate and match what happened. */
final class ModelMetrics {

  record Calibration(int decile, int clients, double meanPredicted, double observedDefaultRate) {
  }

  record ScoreBand(String band, int fromScore, int toScore, int clients, double observedDefaultRate) {
  }

  private ModelMetrics() {
  }

  /** Area under the ROC curve by the rank-sum (Mann-Whitney) statistic, ties counted half. */
  static double auc(double[] predicted, boolean[] defaulted) {
    Integer[] order = order(predicted);
    double rankSum = 0;
    int positives = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && predicted[order[j + 1]] == predicted[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (defaulted[order[k]]) {
          rankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = order.length - positives;
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Kolmogorov-Smirnov: the largest gap between the defaulters' and the others' score distributions. */
  static double ks(double[] predicted, boolean[] defaulted) {
    Integer[] order = order(predicted);
    long positives = 0;
    for (boolean d : defaulted) {
      positives += d ? 1 : 0;
    }
    long negatives = defaulted.length - positives;
    double seenPositive = 0;
    double seenNegative = 0;
    double best = 0;
    for (int i = order.length - 1; i >= 0; i--) {
      if (defaulted[order[i]]) {
        seenPositive++;
      } else {
        seenNegative++;
      }
      if (i == 0 || predicted[order[i - 1]] != predicted[order[i]]) {
        best = Math.max(best, Math.abs(seenPositive / positives - seenNegative / negatives));
      }
    }
    return best;
  }

  static List<Calibration> calibration(double[] predicted, boolean[] defaulted) {
    Integer[] order = order(predicted);
    List<Calibration> deciles = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      int from = order.length * d / 10;
      int to = order.length * (d + 1) / 10;
      double sum = 0;
      int bad = 0;
      for (int k = from; k < to; k++) {
        sum += predicted[order[k]];
        bad += defaulted[order[k]] ? 1 : 0;
      }
      deciles.add(new Calibration(d + 1, to - from, sum / (to - from), (double) bad / (to - from)));
    }
    return deciles;
  }

  static List<ScoreBand> bands(double[] predicted, boolean[] defaulted, ScoreScale scale) {
    List<ScoreBand> bands = new ArrayList<>();
    for (ScoreScale.Band band : ScoreScale.BANDS) {
      int clients = 0;
      int bad = 0;
      for (int i = 0; i < predicted.length; i++) {
        int score = scale.score(predicted[i]);
        if (score >= band.from() && score <= band.to()) {
          clients++;
          bad += defaulted[i] ? 1 : 0;
        }
      }
      bands.add(new ScoreBand(band.name(), band.from(), band.to(), clients, clients == 0 ? 0 : (double) bad / clients));
    }
    return bands;
  }

  private static Integer[] order(double[] predicted) {
    Integer[] order = new Integer[predicted.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> predicted[i]));
    return order;
  }
}
