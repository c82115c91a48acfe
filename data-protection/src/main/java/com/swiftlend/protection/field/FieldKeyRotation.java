package com.swiftlend.protection.field;

import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.protection.keys.DataKeys;
import com.swiftlend.protection.keys.KeyPurpose;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings every protected row under the active FIELD key while the system keeps serving:
 * re-encrypts values under an older key version or in the column-bound format v1 (so each is bound
 * to its row), encrypts plaintext written before encryption existed, fills missing blind indexes and empties legacy plaintext columns once indexed.
 *
 * <p>Rows are read in chunks by keyset pagination on the id (one transaction per chunk, so no
 * long-held locks and no table scan per chunk), and each row is written back with a
 * compare-and-set on exactly the values that were read ({@code where col is not distinct from
 * <read value>}). A concurrent writer therefore never loses an update; a row it changed
 * meanwhile is skipped and counted, and taken by the next run. The optimistic {@code version}
 * column of {@code loan_application} is deliberately not bumped: the personal-data columns are
 * insert-only for JPA, so a worker holding the entity has nothing to conflict with, and bumping
 * it would fail that worker's next status write for no reason.
 *
 * <p>Safe to run in several processes at once and to re-run: a row already current is not matched.
 */
public class FieldKeyRotation {

    /** What one run did. {@code skipped} rows changed while being rewritten and wait for the next run. */
    public record Result(int keyVersion, long rewritten, long skipped) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final FieldEncryption encryption;
    private final BlindIndex blindIndex;
    private final DataKeys keys;
    private final List<ProtectedTable> tables;
    private final int chunkSize;

    public FieldKeyRotation(JdbcTemplate jdbc, TransactionTemplate transactions, FieldEncryption encryption,
            BlindIndex blindIndex, DataKeys keys, List<ProtectedTable> tables, int chunkSize) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.encryption = encryption;
        this.blindIndex = blindIndex;
        this.keys = keys;
        this.tables = List.copyOf(tables);
        this.chunkSize = chunkSize;
    }

    public Result reencrypt() {
        int active = keys.active(KeyPurpose.FIELD).version();
        long rewritten = 0;
        long skipped = 0;
        for (ProtectedTable table : tables) {
            TableRun run = new TableRun(table, active);
            Object after = null;
            boolean more = true;
            while (more) {
                Object from = after;
                Chunk chunk = Objects.requireNonNull(transactions.execute(status -> run.chunk(from)));
                rewritten += chunk.rewritten();
                skipped += chunk.skipped();
                more = chunk.lastId() != null;
                after = chunk.lastId();
            }
        }
        return new Result(active, rewritten, skipped);
    }

    private record Chunk(Object lastId, long rewritten, long skipped) {
    }

    /** The SQL of one table for one run, and the rewriting of its rows. */
    private final class TableRun {

        private final ProtectedTable table;
        private final int active;
        private final String select;
        private final String selectFirst;
        private final List<Object> filterArguments = new ArrayList<>();

        TableRun(ProtectedTable table, int active) {
            this.table = table;
            this.active = active;
            Set<String> columns = new LinkedHashSet<>();
            columns.add(table.idColumn());
            columns.addAll(table.encryptedColumns());
            List<String> needsWork = new ArrayList<>();
            for (String column : table.encryptedColumns()) {
                needsWork.add(column + " not like ?");
                filterArguments.add(FieldEncryption.currentPattern(active));
            }
            for (ProtectedTable.IndexedColumn index : table.indexes()) {
                columns.add(index.indexColumn());
                columns.add(index.sourceColumn());
                needsWork.add(index.clearSource()
                        ? index.sourceColumn() + " is not null"
                        : "(" + index.indexColumn() + " is null and " + index.sourceColumn() + " is not null)");
            }
            String head = "select " + String.join(", ", columns) + " from " + table.name() + " where ("
                    + String.join(" or ", needsWork) + ")";
            String tail = " order by " + table.idColumn() + " limit " + chunkSize;
            this.selectFirst = head + tail;
            this.select = head + " and " + table.idColumn() + " > ?" + tail;
        }

        Chunk chunk(Object after) {
            List<Object> arguments = new ArrayList<>(filterArguments);
            if (after != null) {
                arguments.add(after);
            }
            List<Map<String, Object>> rows = jdbc.queryForList(after == null ? selectFirst : select,
                    arguments.toArray());
            long rewritten = 0;
            long skipped = 0;
            for (Map<String, Object> row : rows) {
                if (rewrite(row)) {
                    rewritten++;
                } else {
                    skipped++;
                }
            }
            Object last = rows.size() < chunkSize ? null : rows.get(rows.size() - 1).get(table.idColumn());
            return new Chunk(last, rewritten, skipped);
        }

        private boolean rewrite(Map<String, Object> row) {
            Map<String, String> plain = new LinkedHashMap<>();
            Map<String, String> changes = new LinkedHashMap<>();
            Object id = row.get(table.idColumn());
            for (String column : table.encryptedColumns()) {
                String stored = (String) row.get(column);
                FieldCell cell = table.cell(column, id);
                String value = encryption.decrypt(stored, cell);
                plain.put(column, value);
                if (!encryption.isCurrent(stored)) {
                    changes.put(column, encryption.encrypt(value, cell));
                }
            }
            for (ProtectedTable.IndexedColumn index : table.indexes()) {
                String source = plain.containsKey(index.sourceColumn())
                        ? plain.get(index.sourceColumn())
                        : (String) row.get(index.sourceColumn());
                if (source != null && row.get(index.indexColumn()) == null) {
                    changes.put(index.indexColumn(), blindIndex.of(index.kind(), source));
                }
                if (index.clearSource() && source != null) {
                    changes.put(index.sourceColumn(), null);
                }
            }
            if (changes.isEmpty()) {
                return true;
            }
            List<String> sets = new ArrayList<>();
            List<String> guards = new ArrayList<>();
            List<Object> arguments = new ArrayList<>();
            changes.forEach((column, value) -> {
                sets.add(column + " = ?");
                arguments.add(value);
            });
            guards.add(table.idColumn() + " = ?");
            arguments.add(row.get(table.idColumn()));
            for (String column : changes.keySet()) {
                guards.add(column + " is not distinct from ?");
                arguments.add(row.get(column));
            }
            return jdbc.update("update " + table.name() + " set " + String.join(", ", sets) + " where "
                    + String.join(" and ", guards), arguments.toArray()) == 1;
        }
    }
}
