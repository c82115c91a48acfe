package com.swiftlend.model.training;

import com.swiftlend.scoring.CreditModel;
import java.util.List;

/**
 * Probability of default on a 300–850 points scale, the convention of credit scorecards: score =
 * offset + factor × ln(odds of not defaulting), factor = PDO / ln 2, offset = 600 − factor × ln 5,
 * clamped to 300..850. 600 points are odds of 5 good to 1 bad (a PD of 16.7 %), and every 50
 * points double the odds (points to double the odds, PDO): sized to this population, whose
 * default rate is 22 %, so that its scores spread over the bands (700 and up is a PD under 4.8 %).
 * Bands are ranges of it, best first.
 */
record ScoreScale(int baseScore, double baseOdds, int pointsToDoubleOdds) {

  static final ScoreScale STANDARD = new ScoreScale(600, 5, 50);

  record Band(String name, int from, int to) {
  }

  static final List<Band> BANDS = List.of(new Band("A", 700, 850), new Band("B", 650, 699),
      new Band("C", 600, 649), new Band("D", 550, 599), new Band("E", 300, 549));

  /** Serving's formula, so the card's bands are the bands live scores fall in. */
  int score(double probabilityOfDefault) {
    return CreditModel.ScoreCard.points(probabilityOfDefault, baseScore, baseOdds, pointsToDoubleOdds);
  }
}
