package com.swiftlend.protection.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;

/**
 * A {@link PatternLayoutEncoder} that runs {@link PiiMasker} over each line after the pattern has
 * formatted it, so everything the line holds is masked: the message and its arguments, MDC values,
 * logger and thread names and the whole stack trace with its causes, from our code and from every
 * library alike, and no caller has to remember to mask. Use it in place of the plain
 * {@code <encoder>} with any pattern, Spring Boot's coloured console pattern included.
 */
public class MaskingPatternLayoutEncoder extends PatternLayoutEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        String line = PiiMasker.mask(layout.doLayout(event));
        Charset charset = getCharset();
        return charset == null ? line.getBytes() : line.getBytes(charset);
    }
}
