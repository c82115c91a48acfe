package com.swiftlend.protection.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Raw PII logged through every path a line can take, through a real Logback configuration with a
 * console and a file appender: both must hold only the masked forms.
 */
@ExtendWith(OutputCaptureExtension.class)
class MaskingPatternLayoutEncoderTest {

    static final String ID = "11010519491231002X";
    static final String CARD = "6222020200112233446";
    static final String PHONE = "13800138000";
    static final String MASKED_ID = "110105********002X";
    static final String MASKED_CARD = "622202*********3446";
    static final String MASKED_PHONE = "138****8000";

    @TempDir
    Path logs;

    private LoggerContext context;
    private Path logFile;

    @BeforeEach
    void configureLogback() throws Exception {
        logFile = logs.resolve("masking.log");
        // A context of our own, so the test neither depends on nor disturbs the global one.
        context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.putProperty("MASKING_TEST_FILE", logFile.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback-masking-test.xml"));
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getLevel() >= Status.WARN);
    }

    @AfterEach
    void stopLogback() {
        MDC.clear();
        context.stop();
    }

    @Test
    void givenPiiAsMessageArguments_whenLogged_itIsMaskedOnConsoleAndInFile(CapturedOutput output) throws IOException {
        Logger log = context.getLogger("com.swiftlend.api.application.Intake");

        log.info("application from id {} phone {} card {}", ID, PHONE, CARD);

        assertMasked(output, "application from id " + MASKED_ID + " phone " + MASKED_PHONE + " card " + MASKED_CARD);
    }

    @Test
    void givenPiiConcatenatedIntoTheMessage_whenLogged_itIsMasked(CapturedOutput output) throws IOException {
        Logger log = context.getLogger("com.swiftlend.activities.payment.SwiftPayChannel");

        log.warn("payout to card " + CARD + " for " + PHONE + " declined");

        assertMasked(output, "payout to card " + MASKED_CARD + " for " + MASKED_PHONE + " declined");
    }

    @Test
    void givenPiiInAnExceptionAndItsCauses_whenLogged_theWholeStackTraceIsMasked(CapturedOutput output)
            throws IOException {
        Logger log = context.getLogger("com.swiftlend.activities.risk.CreditBureauCheck");
        Exception root = new IllegalArgumentException("bureau rejected idNumber=" + ID);
        Exception middle = new IllegalStateException("lookup for " + PHONE + " failed", root);
        Exception top = new RuntimeException("risk check for card " + CARD + " failed", middle);

        log.error("risk check failed", top);

        assertMasked(output, "java.lang.RuntimeException: risk check for card " + MASKED_CARD + " failed",
                "Caused by: java.lang.IllegalStateException: lookup for " + MASKED_PHONE + " failed",
                "Caused by: java.lang.IllegalArgumentException: bureau rejected idNumber=" + MASKED_ID,
                "\tat com.swiftlend.protection.logging.MaskingPatternLayoutEncoderTest");
    }

    @Test
    void givenPiiInTheMdc_whenLogged_itIsMasked(CapturedOutput output) throws IOException {
        Logger log = context.getLogger("com.swiftlend.api.application.Intake");
        MDC.put("applicantPhone", PHONE);
        MDC.put("idNumber", ID);

        log.info("accepted");

        assertMasked(output, "applicantPhone=" + MASKED_PHONE, "idNumber=" + MASKED_ID, ": accepted");
    }

    @Test
    void givenPiiInAThirdPartyLoggersLine_whenLogged_itIsMasked(CapturedOutput output) throws IOException {
        Logger hibernate = context.getLogger("org.hibernate.orm.jdbc.bind");
        Logger sql = context.getLogger("org.hibernate.SQL");

        sql.debug("insert into loan_application (id_number,phone,bank_card,name) values (?,?,?,?)");
        hibernate.trace("binding parameter (1:VARCHAR) <- [{}]", ID);
        sql.debug("select * from loan_application where phone='" + PHONE + "' and name='Li Wei'");

        assertMasked(output, "org.hibernate.SQL", "binding parameter (1:VARCHAR) <- [" + MASKED_ID + "]",
                "where phone='" + MASKED_PHONE + "'");
    }

    @Test
    void givenAJsonBodyWithNames_whenLogged_everyPersonalFieldIsMasked(CapturedOutput output) throws IOException {
        Logger log = context.getLogger("org.springframework.web.client.RestClient");
        String body = """
                {"name":"Li Wei","idNumber":"%s","phone":"%s","bankCard":"%s","accountName":"李伟","amount":3000.00}"""
                .formatted(ID, PHONE, CARD);

        log.debug("request body {}", body);

        assertMasked(output, """
                {"name":"L*****","idNumber":"%s","phone":"%s","bankCard":"%s","accountName":"李*","amount":3000.00}"""
                .formatted(MASKED_ID, MASKED_PHONE, MASKED_CARD));
        assertThat(output.getOut()).doesNotContain("Li Wei").doesNotContain("李伟");
    }

    @Test
    void givenValuesThatAreNotPii_whenLogged_theySurviveUnmasked(CapturedOutput output) throws IOException {
        Logger log = context.getLogger("io.temporal.internal.worker.Poller");
        String line = "application 7f8a3c1e-0000-4000-8000-000000000001 amount 3000.00 at 2025-11-26T10:00:00.000+08:00"
                + " on port 8080, epoch 1764105600000, run 5f2b9c0e8d7a6b4c3e2f1a0b9c8d7e6f";

        log.info(line);

        assertMasked(output, line);
    }

    @Test
    void givenPiiInTheLoggerOrThreadName_whenLogged_itIsMasked(CapturedOutput output) throws Exception {
        Logger log = context.getLogger("com.swiftlend.per-applicant." + PHONE);
        Thread thread = new Thread(() -> log.info("done"), "worker-for-" + ID);

        thread.start();
        thread.join();

        assertMasked(output, "[worker-for-" + MASKED_ID + "]", "per-applicant." + MASKED_PHONE);
    }

    /** Console and file each hold every expected fragment and none of the raw values. */
    private void assertMasked(CapturedOutput output, String... expected) throws IOException {
        String file = Files.readString(logFile, StandardCharsets.UTF_8);
        for (String written : new String[] {output.getOut(), file}) {
            assertThat(written).contains(expected)
                    .doesNotContain(ID).doesNotContain(CARD).doesNotContain(PHONE)
                    .doesNotContain(ID.substring(6, 14)).doesNotContain(CARD.substring(6, 15));
        }
    }
}
