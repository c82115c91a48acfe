package com.swiftlend.model.training;

import java.util.ArrayList;
import java.util.List;

/**
 * What each model input means and where the flow takes it from, and the monotonic constraints
 * credit logic demands: more months overdue never lowers the probability of default (+1), a
 * higher credit limit never raises it (−1); amounts and age are left free (0).
 */
final class FeatureMeaning {

  /**
   * @param source where the flow takes the value from, as the feature mapping names it:
   *     {@code bureau.<field>} (an array element as {@code [i]}) or {@code applicant.<field>}
   */
  record Feature(String name, String meaning, String source, int monotone) {
  }

  /** Bumped whenever a source path's meaning changes: a served model names the mapping version it needs. */
  static final int MAPPING_VERSION = 2;

  /**
   * The reason codes a score gives: groups of inputs an applicant can recognise in their own
   * record, each with the text they are told. Age is an input but never a reason: it is nothing an
   * applicant can change, and an adverse-action notice must not cite it.
   */
  record ReasonGroup(String code, List<String> inputs, String text) {
  }

  static final List<ReasonGroup> REASONS = List.of(
      new ReasonGroup("RECENT_REPAYMENT", List.of("pay_0"),
          "Your most recent repayment was late or only part of the balance was repaid."),
      new ReasonGroup("REPAYMENT_HISTORY", List.of("pay_2", "pay_3", "pay_4", "pay_5", "pay_6"),
          "Your repayments in the five months before were late or only partly made."),
      new ReasonGroup("CREDIT_LIMIT", List.of("limit_bal"),
          "The credit limit other lenders granted you is low."),
      new ReasonGroup("BALANCES", List.of("bill_amt1", "bill_amt2", "bill_amt3", "bill_amt4", "bill_amt5",
          "bill_amt6"), "Your outstanding balances are high or have been rising."),
      new ReasonGroup("PAYMENT_AMOUNTS", List.of("pay_amt1", "pay_amt2", "pay_amt3", "pay_amt4", "pay_amt5",
          "pay_amt6"), "The amounts you repaid were small compared with what you owed."));

  static final List<Feature> ALL;

  static {
    List<Feature> all = new ArrayList<>();
    all.add(new Feature("limit_bal", "credit limit (NT$), individual and family", "bureau.creditLimit", -1));
    all.add(new Feature("age", "age in years", "applicant.age", 0));
    String[] months = {"September", "August", "July", "June", "May", "April"};
    String[] pay = {"pay_0", "pay_2", "pay_3", "pay_4", "pay_5", "pay_6"};
    for (int i = 0; i < 6; i++) {
      all.add(new Feature(pay[i], "repayment status in " + months[i] + " (-2 no use, -1 paid in full, 0 revolving,"
          + " 1..9 months overdue)", "bureau.repaymentStatus[" + i + "]", 1));
    }
    for (int i = 0; i < 6; i++) {
      all.add(new Feature("bill_amt" + (i + 1), "bill statement amount in " + months[i] + " (NT$)",
          "bureau.billAmounts[" + i + "]", 0));
    }
    for (int i = 0; i < 6; i++) {
      all.add(new Feature("pay_amt" + (i + 1), "amount paid in " + months[i] + " (NT$)",
          "bureau.paidAmounts[" + i + "]", 0));
    }
    ALL = List.copyOf(all);
    if (!ALL.stream().map(Feature::name).toList().equals(CreditData.FEATURES)) {
      throw new IllegalStateException("feature meanings out of step with CreditData.FEATURES");
    }
  }

  private FeatureMeaning() {
  }

  /**
   * The feature mapping shipped with a model: each PMML input by name with its source path, no
   * positional arrays. {@code applicant.age} is whole years from the ID number's birth date on the
   * day of application; the bureau fields are the report's {@code history} (newest month first).
   */
  static java.util.Map<String, Object> mapping(String modelVersion, java.util.Map<String, Double> reference) {
    java.util.Map<String, String> inputs = new java.util.LinkedHashMap<>();
    ALL.forEach(feature -> inputs.put(feature.name(), feature.source()));
    java.util.Map<String, Object> mapping = new java.util.LinkedHashMap<>();
    mapping.put("modelVersion", modelVersion);
    mapping.put("mappingVersion", MAPPING_VERSION);
    mapping.put("inputs", inputs);
    // The PMML output that is the probability of default: the target's positive class.
    mapping.put("output", "probability(1)");
    mapping.put("missing", "refused: a model input without a value is never scored as missing");
    mapping.put("reference", reference);
    mapping.put("referenceMeaning", "the median of the training clients who did not default: a reason code's"
        + " points are how far the score stays below what it would be with that group of inputs at these values");
    mapping.put("reasons", REASONS);
    return mapping;
  }

  /** XGBoost's monotone_constraints, in column order; the protected columns (when compared) are free. */
  static String constraints(boolean withProtected) {
    List<String> signs = new ArrayList<>(ALL.stream().map(f -> Integer.toString(f.monotone())).toList());
    if (withProtected) {
      CreditData.PROTECTED.forEach(p -> signs.add("0"));
    }
    return "(" + String.join(",", signs) + ")";
  }
}
