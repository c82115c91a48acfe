package com.swiftlend.protection.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.protection.KeyDatabase;
import com.swiftlend.protection.keys.DataKeyRing;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EncryptingPayloadCodecTest {

    private static final KeyDatabase database = new KeyDatabase();

    private DataKeyRing keys;
    private final Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload("11010519491231002X").orElseThrow();

    @BeforeEach
    void setUp() {
        database.reset();
        keys = database.ring(KeyDatabase.newKms());
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void givenAPayload_whenEncodedAndDecoded_itComesBackAndTheEncodedFormHoldsNoPlaintext() {
        EncryptingPayloadCodec codec = new EncryptingPayloadCodec(keys, false);

        List<Payload> encoded = codec.encode(List.of(plain));

        assertThat(encoded.get(0).toByteString().toStringUtf8()).doesNotContain("11010519491231002X");
        assertThat(codec.decode(encoded)).containsExactly(plain);
    }

    @Test
    void givenAnUnencryptedPayloadPlantedInAHistory_whenDecodedOutsideMigrationMode_itIsRefused() {
        EncryptingPayloadCodec codec = new EncryptingPayloadCodec(keys, false);

        assertThatThrownBy(() -> codec.decode(List.of(plain))).isInstanceOf(PayloadCodecException.class)
                .hasMessageContaining("not encrypted")
                .hasMessageNotContaining("11010519491231002X");
    }

    @Test
    void givenAnUnencryptedPayloadInMigrationMode_whenDecoded_itPassesAsWritten() {
        EncryptingPayloadCodec codec = new EncryptingPayloadCodec(keys, true);

        assertThat(codec.decode(List.of(plain))).containsExactly(plain);
    }
}
