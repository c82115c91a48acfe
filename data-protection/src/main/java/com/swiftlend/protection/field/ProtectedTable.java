package com.swiftlend.protection.field;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A table holding personal data, as the re-encryption job sees it: which columns hold
 * {@link FieldEncryption} ciphertext (bound to table, column and the row's {@code idColumn}), and which
 * blind-index columns are computed from which source column. Modules owning such tables declare
 * one as a bean.
 *
 * @param idColumn the immutable primary key: what each ciphertext is bound to, and the order of
 *        keyset pagination
 */
public record ProtectedTable(String name, String idColumn, List<String> encryptedColumns, List<IndexedColumn> indexes) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * @param sourceColumn the column the index is computed from: an encrypted column, or a legacy
     *        plaintext column
     * @param clearSource whether the source is a legacy plaintext column to empty once indexed
     */
    public record IndexedColumn(String indexColumn, String sourceColumn, String kind, boolean clearSource) {

        public IndexedColumn {
            requireIdentifier(indexColumn);
            requireIdentifier(sourceColumn);
        }
    }

    public ProtectedTable {
        // These names are written into SQL; only plain identifiers may get there.
        requireIdentifier(name);
        requireIdentifier(idColumn);
        encryptedColumns.forEach(ProtectedTable::requireIdentifier);
        encryptedColumns = List.copyOf(encryptedColumns);
        indexes = List.copyOf(indexes);
    }

    /** The cell of a column in the row with this id, whose identity its ciphertext is bound to. */
    public FieldCell cell(String column, Object rowId) {
        return FieldCell.of(name, column, rowId);
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
    }
}
