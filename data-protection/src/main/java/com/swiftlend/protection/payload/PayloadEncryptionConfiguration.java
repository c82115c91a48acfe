package com.swiftlend.protection.payload;

import com.swiftlend.protection.ProtectionProperties;
import com.swiftlend.protection.keys.DataKeys;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives every Temporal client in the process (the API's and the workers') the encrypting data
 * converter; temporal-spring-boot-starter takes the bean named {@code mainDataConverter}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "swiftlend.protection.payloads", name = "encrypted", havingValue = "true",
        matchIfMissing = true)
public class PayloadEncryptionConfiguration {

    @Bean
    EncryptingPayloadCodec encryptingPayloadCodec(DataKeys keys, ProtectionProperties properties) {
        return new EncryptingPayloadCodec(keys, properties.migrationMode());
    }

    /** Failure messages and stack traces are encoded too: an exception message may quote an input. */
    @Bean
    DataConverter mainDataConverter(EncryptingPayloadCodec codec) {
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
    }
}
