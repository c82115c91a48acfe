package com.swiftlend.protection.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.swiftlend.protection.KeyDatabase;
import com.swiftlend.protection.kms.KeyManagementService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private static final KeyDatabase database = new KeyDatabase();

    private KeyManagementService kms;
    private BlindIndex index;

    @BeforeEach
    void setUp() {
        database.reset();
        kms = KeyDatabase.newKms();
        index = new BlindIndex(database.ring(kms));
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void givenSameIdNumberWrittenDifferently_whenIndexed_itGetsOneIndex() {
        String index1 = index.of(BlindIndex.ID_NUMBER, "11010519491231002X");

        assertThat(index1).hasSize(64).matches("[0-9a-f]{64}").doesNotContain("11010519491231002");
        assertThat(index.of(BlindIndex.ID_NUMBER, " 11010519491231002x ")).isEqualTo(index1);
        assertThat(new BlindIndex(database.ring(kms)).of(BlindIndex.ID_NUMBER, "11010519491231002X"))
                .isEqualTo(index1);
    }

    @Test
    void givenSameDigitsOfTwoKinds_whenIndexed_theyIndexApart() {
        assertThat(index.of(BlindIndex.PHONE, "13800138000")).isNotEqualTo(index.of(BlindIndex.DEVICE, "13800138000"));
    }

    @Test
    void givenAnotherDeploymentsKey_whenIndexing_theIndexDiffers() {
        String ours = index.of(BlindIndex.PHONE, "13800138000");
        database.reset();

        String theirs = new BlindIndex(database.ring(KeyDatabase.newKms())).of(BlindIndex.PHONE, "13800138000");

        assertThat(theirs).isNotEqualTo(ours);
    }

    @Test
    void givenNull_whenIndexed_itIsNull() {
        assertThat(index.of(BlindIndex.PHONE, null)).isNull();
    }
}
