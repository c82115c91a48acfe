package com.swiftlend.protection.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.protection.KeyDatabase;
import com.swiftlend.protection.kms.KeyManagementService;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataKeyRingTest {

    private static final KeyDatabase database = new KeyDatabase();

    private KeyManagementService kms;

    @BeforeEach
    void setUp() {
        database.reset();
        kms = KeyDatabase.newKms();
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void givenEmptyTable_whenSeveralProcessesStartAtOnce_theyAllAgreeOnOneVersion1() throws Exception {
        List<DataKeyRing> processes = IntStream.range(0, 8).mapToObj(i -> database.ring(kms)).toList();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(processes.size());
        try {
            List<Future<DataKey>> started = processes.stream().map(ring -> threads.submit(() -> {
                start.await();
                return ring.active(KeyPurpose.FIELD);
            })).toList();
            start.countDown();
            byte[] first = started.get(0).get().key().getEncoded();
            for (Future<DataKey> key : started) {
                assertThat(key.get().version()).isEqualTo(1);
                assertThat(key.get().key().getEncoded()).isEqualTo(first);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(database.jdbc().queryForObject("select count(*) from data_key where purpose = 'FIELD'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void givenFirstUseInsideATransactionThatRollsBack_whenAnotherProcessStarts_itGetsTheSameKey() {
        DataKeyRing ring = database.ring(kms);
        byte[] used = database.transactions().execute(status -> {
            status.setRollbackOnly();
            return ring.active(KeyPurpose.FIELD).key().getEncoded();
        });

        assertThat(database.ring(kms).active(KeyPurpose.FIELD).key().getEncoded()).isEqualTo(used);
    }

    @Test
    void givenPurposes_whenUsed_eachHasItsOwnKey() {
        DataKeyRing ring = database.ring(kms);

        assertThat(ring.active(KeyPurpose.FIELD).key().getEncoded())
                .isNotEqualTo(ring.active(KeyPurpose.BLIND_INDEX).key().getEncoded())
                .isNotEqualTo(ring.active(KeyPurpose.PAYLOAD).key().getEncoded());
    }

    @Test
    void givenStoredKeys_whenReadUnderAnotherKek_theyCannotBeUnwrapped() {
        database.ring(kms).active(KeyPurpose.FIELD);

        assertThatThrownBy(() -> database.ring(KeyDatabase.newKms()).active(KeyPurpose.FIELD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(kms.activeKeyId());
    }

    @Test
    void givenWrappedKeyMovedToAnotherPurpose_whenLoading_itDoesNotUnwrap() {
        database.ring(kms).active(KeyPurpose.FIELD);
        database.jdbc().update("""
                insert into data_key (purpose, version, kms_key_id, wrapped_key)
                select 'BLIND_INDEX', version, kms_key_id, wrapped_key from data_key where purpose = 'FIELD'""");

        assertThatThrownBy(() -> database.ring(kms).active(KeyPurpose.BLIND_INDEX))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenRotation_whenAskedForKeys_theNewVersionIsActiveAndTheOldOneStays() {
        DataKeyRing ring = database.ring(kms);
        DataKey first = ring.active(KeyPurpose.FIELD);

        int second = ring.rotate(KeyPurpose.FIELD);

        assertThat(second).isEqualTo(2);
        assertThat(ring.active(KeyPurpose.FIELD).version()).isEqualTo(2);
        assertThat(ring.version(KeyPurpose.FIELD, 1).key().getEncoded()).isEqualTo(first.key().getEncoded());
        assertThat(database.ring(kms).version(KeyPurpose.FIELD, 2).key().getEncoded())
                .isEqualTo(ring.active(KeyPurpose.FIELD).key().getEncoded());
    }

    @Test
    void givenBlindIndexKey_whenRotating_itIsRefused() {
        DataKeyRing ring = database.ring(kms);

        assertThatThrownBy(() -> ring.rotate(KeyPurpose.BLIND_INDEX)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(database.jdbc().queryForObject("select count(*) from data_key where purpose = 'BLIND_INDEX'",
                Integer.class)).isZero();
    }

    @Test
    void givenUnknownVersion_whenAsked_itFails() {
        DataKeyRing ring = database.ring(kms);
        ring.active(KeyPurpose.PAYLOAD);

        assertThatThrownBy(() -> ring.version(KeyPurpose.PAYLOAD, 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PAYLOAD").hasMessageContaining("5");
    }

    @Test
    void givenDataKey_whenPrinted_itShowsNoKeyMaterial() {
        DataKey key = database.ring(kms).active(KeyPurpose.FIELD);

        assertThat(key.toString()).isEqualTo("DataKey[FIELD v1]");
    }
}
