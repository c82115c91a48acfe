package com.swiftlend.reconciliation;

import java.util.List;

/**
 * A statement line with what matching it raised. Every line is kept, even one that matched,
 * because step 2 needs the keys of all lines to find payouts missing from the statement.
 */
record ReconciledLine(StatementLine line, List<Discrepancy> discrepancies) {
}
