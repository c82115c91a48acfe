package com.swiftlend.reconciliation;

import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.springframework.batch.item.database.JdbcBatchItemWriter;

/**
 * Writes a chunk in the chunk's one transaction: every line to the staging table, and the
 * discrepancies the lines raised. Two JDBC batches, because the two tables take different items.
 */
class ReconciledLineWriter implements ItemWriter<ReconciledLine> {

    private final JdbcBatchItemWriter<StatementLine> stagingWriter;
    private final JdbcBatchItemWriter<Discrepancy> discrepancyWriter;

    ReconciledLineWriter(JdbcBatchItemWriter<StatementLine> stagingWriter,
            JdbcBatchItemWriter<Discrepancy> discrepancyWriter) {
        this.stagingWriter = stagingWriter;
        this.discrepancyWriter = discrepancyWriter;
    }

    @Override
    public void write(Chunk<? extends ReconciledLine> chunk) throws Exception {
        stagingWriter.write(new Chunk<>(chunk.getItems().stream().map(ReconciledLine::line).toList()));
        discrepancyWriter.write(new Chunk<>(
                chunk.getItems().stream().flatMap(line -> line.discrepancies().stream()).toList()));
    }
}
