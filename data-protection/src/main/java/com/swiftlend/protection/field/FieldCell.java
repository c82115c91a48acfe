package com.swiftlend.protection.field;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an encrypted value lives: one column of one row. Its ciphertext is bound to all three as
 * associated data, so a value copied into another column, or into the same column of another row
 * (another borrower's card into my application), fails authentication instead of decrypting.
 *
 * @param table the table, a plain SQL identifier
 * @param column the column, a plain SQL identifier
 * @param row the row's immutable identity (its primary key, as text), never a value that changes
 */
public record FieldCell(String table, String column, String row) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public FieldCell {
        // Identifiers cannot hold '#', so "table.column#row" splits one way only.
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(column).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + table + "." + column);
        }
        Objects.requireNonNull(row, "a cell names its row");
    }

    public static FieldCell of(String table, String column, Object row) {
        return new FieldCell(table, column, String.valueOf(Objects.requireNonNull(row, "a cell names its row")));
    }

    /** {@code table.column}: what names the cell in a message (never its row, which may be personal). */
    public String qualifiedColumn() {
        return table + "." + column;
    }

    /** The associated data of the current format. */
    byte[] associatedData() {
        return (qualifiedColumn() + "#" + row).getBytes(StandardCharsets.UTF_8);
    }

    /** The associated data of format v1, which bound the column only. */
    byte[] columnOnly() {
        return qualifiedColumn().getBytes(StandardCharsets.UTF_8);
    }
}
