package com.swiftlend.model.training;

import java.util.ArrayList;
import java.util.List;

/**
 * What each model input means and where the flow takes it from, and the monotonic constraints
 * credit logic demands: more months overdue never lowers the probability of default (+1), a
 * higher credit limit never raises it (−1); amounts and age are left free (0).
 */
final class FeatureMeaning {

  record Feature(String name, String meaning, String source, int monotone) {
  }

  static final List<Feature> ALL;

  static {
    List<Feature> all = new ArrayList<>();
    all.add(new Feature("limit_bal", "credit limit (NT$), individual and family", "bureau report: creditLimit", -1));
    all.add(new Feature("age", "age in years", "the birth date in the ID number, on the day of application", 0));
    String[] months = {"September", "August", "July", "June", "May", "April"};
    String[] pay = {"pay_0", "pay_2", "pay_3", "pay_4", "pay_5", "pay_6"};
    for (int i = 0; i < 6; i++) {
      all.add(new Feature(pay[i], "repayment status in " + months[i] + " (-2 no use, -1 paid in full, 0 revolving,"
          + " 1..9 months overdue)", "bureau report: repaymentStatus[" + i + "]", 1));
    }
    for (int i = 0; i < 6; i++) {
      all.add(new Feature("bill_amt" + (i + 1), "bill statement amount in " + months[i] + " (NT$)",
          "bureau report: billAmounts[" + i + "]", 0));
    }
    for (int i = 0; i < 6; i++) {
      all.add(new Feature("pay_amt" + (i + 1), "amount paid in " + months[i] + " (NT$)",
          "bureau report: paidAmounts[" + i + "]", 0));
    }
    ALL = List.copyOf(all);
    if (!ALL.stream().map(Feature::name).toList().equals(CreditData.FEATURES)) {
      throw new IllegalStateException("feature meanings out of step with CreditData.FEATURES");
    }
  }

  private FeatureMeaning() {
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
