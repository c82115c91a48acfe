package com.swiftlend.protection.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.protection.AesGcm;
import com.swiftlend.protection.KeyDatabase;
import com.swiftlend.protection.field.ProtectedTable.IndexedColumn;
import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.protection.keys.DataKeyRing;
import com.swiftlend.protection.keys.KeyPurpose;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The re-encryption job on tables shaped like loan_application (encrypted columns, indexes
 * computed from them, an optimistic version) and blacklist_entry (legacy plaintext to index and
 * empty).
 */
class FieldKeyRotationTest {

    private static final KeyDatabase database = new KeyDatabase();
    private static final ProtectedTable PEOPLE = new ProtectedTable("person", "id", List.of("id_number", "phone"),
            List.of(new IndexedColumn("id_number_index", "id_number", BlindIndex.ID_NUMBER, false)));
    private static final ProtectedTable LIST = new ProtectedTable("listing", "id", List.of(),
            List.of(new IndexedColumn("phone_index", "legacy_phone", BlindIndex.PHONE, true)));

    private DataKeyRing keys;
    private FieldEncryption encryption;
    private BlindIndex blindIndex;
    private FieldKeyRotation rotation;

    @BeforeEach
    void setUp() {
        database.reset();
        database.jdbc().execute("drop table if exists person, listing");
        database.jdbc().execute("""
                create table person (id uuid primary key, id_number text, phone text, id_number_index char(64),
                    version bigint not null default 0)""");
        database.jdbc().execute("create table listing (id bigserial primary key, legacy_phone varchar(20), "
                + "phone_index char(64))");
        keys = database.ring(KeyDatabase.newKms());
        encryption = new FieldEncryption(keys, false);
        blindIndex = new BlindIndex(keys);
        // A chunk smaller than the rows, so keyset pagination across chunks is exercised.
        rotation = new FieldKeyRotation(database.jdbc(), database.transactions(), encryption, blindIndex, keys,
                List.of(PEOPLE, LIST), 3);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void givenRowsUnderV1_whenKeyRotatedAndJobRuns_everyRowMovesToV2AndStillReads() {
        for (int i = 0; i < 10; i++) {
            UUID id = UUID.randomUUID();
            insertPerson(id, encryption.encrypt(idNumber(i), PEOPLE.cell("id_number", id)),
                    encryption.encrypt("1380013800" + i, PEOPLE.cell("phone", id)),
                    blindIndex.of(BlindIndex.ID_NUMBER, idNumber(i)));
        }
        keys.rotate(KeyPurpose.FIELD);

        FieldKeyRotation.Result result = rotation.reencrypt();

        assertThat(result).isEqualTo(new FieldKeyRotation.Result(2, 10, 0));
        for (Map<String, Object> row : database.jdbc().queryForList("select * from person order by id_number_index")) {
            assertThat(encryption.keyVersionOf((String) row.get("id_number"))).isEqualTo(2);
            assertThat(encryption.keyVersionOf((String) row.get("phone"))).isEqualTo(2);
            String idNumber = encryption.decrypt((String) row.get("id_number"), PEOPLE.cell("id_number", row.get("id")));
            assertThat(row.get("id_number_index")).isEqualTo(blindIndex.of(BlindIndex.ID_NUMBER, idNumber));
            assertThat(row.get("version")).isEqualTo(0L);
        }
        assertThat(rotation.reencrypt().rewritten()).isZero();
    }

    @Test
    void givenAPlaintextPlantedOutsideMigrationMode_whenJobRuns_itRefusesToEncryptItAndLeavesTheRow() {
        insertPerson(UUID.randomUUID(), idNumber(1), "13800138001", null);

        assertThatThrownBy(rotation::reencrypt).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not encrypted");

        assertThat(database.jdbc().queryForObject("select id_number from person", String.class)).isEqualTo(idNumber(1));
    }

    @Test
    void givenLegacyPlaintextRowsInMigrationMode_whenJobRuns_theyAreEncryptedIndexedAndEmptied() {
        encryption = new FieldEncryption(keys, true);
        rotation = new FieldKeyRotation(database.jdbc(), database.transactions(), encryption, blindIndex, keys,
                List.of(PEOPLE, LIST), 3);
        insertPerson(UUID.randomUUID(), idNumber(1), "13800138001", null);
        insertPerson(UUID.randomUUID(), null, null, null);
        database.jdbc().update("insert into listing (legacy_phone) values ('13900139000'), ('13900139001')");

        FieldKeyRotation.Result result = rotation.reencrypt();

        assertThat(result.rewritten()).isEqualTo(3);
        Map<String, Object> person = database.jdbc().queryForMap("select * from person where id_number is not null");
        assertThat(person.get("id_number").toString()).startsWith("v2.1.");
        assertThat(encryption.decrypt((String) person.get("id_number"), PEOPLE.cell("id_number", person.get("id"))))
                .isEqualTo(idNumber(1));
        assertThat(encryption.decrypt((String) person.get("phone"), PEOPLE.cell("phone", person.get("id"))))
                .isEqualTo("13800138001");
        assertThat(person.get("id_number_index")).isEqualTo(blindIndex.of(BlindIndex.ID_NUMBER, idNumber(1)));
        assertThat(database.jdbc().queryForList("select phone_index from listing where legacy_phone is null",
                String.class)).containsExactlyInAnyOrder(blindIndex.of(BlindIndex.PHONE, "13900139000"),
                        blindIndex.of(BlindIndex.PHONE, "13900139001"));
        assertThat(database.jdbc().queryForList("select row_to_json(t)::text from person t", String.class))
                .noneMatch(row -> row.contains("13800138001") || row.contains(idNumber(1)));
    }

    @Test
    void givenColumnBoundV1RowsInMigrationMode_whenJobRuns_eachIsBoundToItsRowAndAMovedOneNoLongerReads()
            throws Exception {
        encryption = new FieldEncryption(keys, true);
        rotation = new FieldKeyRotation(database.jdbc(), database.transactions(), encryption, blindIndex, keys,
                List.of(PEOPLE, LIST), 3);
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        insertPerson(mine, columnBound("person.id_number", idNumber(1)), columnBound("person.phone", "13800138001"),
                blindIndex.of(BlindIndex.ID_NUMBER, idNumber(1)));
        insertPerson(theirs, columnBound("person.id_number", idNumber(2)), columnBound("person.phone", "13800138002"),
                blindIndex.of(BlindIndex.ID_NUMBER, idNumber(2)));

        FieldKeyRotation.Result result = rotation.reencrypt();

        assertThat(result).isEqualTo(new FieldKeyRotation.Result(1, 2, 0));
        String myPhone = database.jdbc().queryForObject("select phone from person where id = ?", String.class, mine);
        assertThat(myPhone).startsWith("v2.1.");
        assertThat(encryption.decrypt(myPhone, PEOPLE.cell("phone", mine))).isEqualTo("13800138001");
        // Once bound to its row, the same value moved into another row fails, even in migration mode.
        assertThatThrownBy(() -> encryption.decrypt(myPhone, PEOPLE.cell("phone", theirs)))
                .hasMessageContaining("another column or row");
        assertThat(rotation.reencrypt().rewritten()).isZero();
    }

    private String columnBound(String column, String value) throws Exception {
        return "v1.1." + Base64.getUrlEncoder().withoutPadding().encodeToString(AesGcm.seal(
                keys.active(KeyPurpose.FIELD).key(), column.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)));
    }

    private void insertPerson(UUID id, String idNumber, String phone, String index) {
        database.jdbc().update("insert into person (id, id_number, phone, id_number_index) values (?, ?, ?, ?)",
                id, idNumber, phone, index);
    }

    private static String idNumber(int i) {
        return "11010519491231" + String.format("%03d", i) + "X";
    }
}
