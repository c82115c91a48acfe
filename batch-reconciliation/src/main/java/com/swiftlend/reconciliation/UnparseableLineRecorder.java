package com.swiftlend.reconciliation;

import org.springframework.batch.core.SkipListener;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.database.JdbcBatchItemWriter;
import org.springframework.batch.item.file.FlatFileParseException;

/**
 * Turns a statement line the reader skipped into an UNPARSEABLE_LINE discrepancy. Spring Batch
 * calls this inside the transaction of the chunk the line belonged to, so the discrepancy is
 * committed (or rolled back) together with that chunk.
 */
class UnparseableLineRecorder implements SkipListener<StatementLine, ReconciledLine> {

    // The width of reconciliation_discrepancy.detail.
    private static final int MAX_DETAIL = 1000;

    private final JdbcBatchItemWriter<Discrepancy> discrepancyWriter;

    UnparseableLineRecorder(JdbcBatchItemWriter<Discrepancy> discrepancyWriter) {
        this.discrepancyWriter = discrepancyWriter;
    }

    @Override
    public void onSkipInRead(Throwable failure) {
        if (!(failure instanceof FlatFileParseException parseFailure)) {
            // The skip policy skips nothing else; failing loudly beats losing a line silently.
            throw new IllegalStateException("Unexpected skipped read failure", failure);
        }
        Throwable cause = parseFailure.getCause() != null ? parseFailure.getCause() : parseFailure;
        String detail = cause.getMessage() + "; input: " + parseFailure.getInput();
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 3) + "...";
        }
        Discrepancy discrepancy = new Discrepancy(DiscrepancyKind.UNPARSEABLE_LINE,
                "line:" + parseFailure.getLineNumber(), parseFailure.getLineNumber(),
                null, null, null, null, detail);
        try {
            discrepancyWriter.write(Chunk.of(discrepancy));
        } catch (Exception e) {
            throw new IllegalStateException("Could not record unparseable line " + parseFailure.getLineNumber(), e);
        }
    }
}
