package com.swiftlend.protection.field;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A table holding personal data, as the re-encryption job sees it: which columns hold
 * {@link FieldEncryption} ciphertext (the associated data is {@code name.column}), and which
 * blind-index columns are computed from which source column. Modules owning such tables declare
 * one as a bean.
 *
 * @param idColumn a unique, ordered key for keyset pagination
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

    /** The associated data of a column's ciphertext. */
    public String qualified(String column) {
        return name + "." + column;
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
    }
}
