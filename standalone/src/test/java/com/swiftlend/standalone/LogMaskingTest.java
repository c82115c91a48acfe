package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.swiftlend.protection.logging.MaskingPatternLayoutEncoder;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running system writes no plaintext ID, card or phone number, whoever logs it: every appender
 * masks, a request's whole journey leaves only masked values in the output, and the shipped
 * {@code logback-spring.xml} of every process masks its console and its log file.
 */
@SystemTest
@ExtendWith(OutputCaptureExtension.class)
class LogMaskingTest {

    private static final String ID = "11010519491231002X";
    private static final String CARD = "6222020200112233446";
    private static final String PHONE = "13800138000";

    @LocalServerPort
    int port;

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    @Test
    void givenTheRunningSystem_whenItsAppendersAreInspected_everyOneEncodesThroughTheMasker() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        List<Appender<ILoggingEvent>> appenders = appenders(context);

        assertThat(appenders).isNotEmpty().allSatisfy(appender -> assertThat(appender)
                .isInstanceOfSatisfying(OutputStreamAppender.class, writing -> assertThat(writing.getEncoder())
                        .isInstanceOf(MaskingPatternLayoutEncoder.class)));
    }

    @Test
    void givenPiiLoggedByOurCodeAndByALibrary_whenWritten_theOutputHoldsOnlyMaskedValues(CapturedOutput output) {
        MDC.put("phone", PHONE);
        try {
            LoggerFactory.getLogger("com.swiftlend.api.application").info("applicant {} card {}", ID, CARD);
            LoggerFactory.getLogger("org.hibernate.SQL").warn("where name='Li Wei' and id_number='" + ID + "'",
                    new IllegalStateException("duplicate key (phone)=(" + PHONE + ")"));
        } finally {
            MDC.remove("phone");
        }

        assertThat(output.getOut()).contains("applicant 110105********002X card 622202*********3446",
                "where name='L*****' and id_number='110105********002X'",
                "java.lang.IllegalStateException: duplicate key (phone)=(138****8000)");
        assertNoPlaintext(output, ID, CARD, PHONE);
    }

    @Test
    void givenApplicationsThroughTheApi_whenTheyRunToTheEnd_noPlaintextPiiReachesTheOutput(CapturedOutput output)
            throws Exception {
        Applicants.Applicant approved = applicants.any();
        Applicants.Applicant declined = applicants.any().withCard(Applicants.blockedCard());
        String invalid = """
                {"name":"Li Wei","idNumber":"110105194912310021","phone":"%s","bankCard":"6222020200112233447",
                 "amount":999999,"termDays":2,"purpose":"rent","deviceId":"d-1"}""".formatted(PHONE);

        List<String> ids = new ArrayList<>();
        for (Applicants.Applicant applicant : List.of(approved, declined)) {
            SystemClient.Answer accepted = client.submit(UUID.randomUUID().toString(), applicant.body(3000));
            assertThat(accepted.status()).isEqualTo(202);
            ids.add(accepted.body().get("id").asText());
        }
        assertThat(client.submit(UUID.randomUUID().toString(), invalid).status()).isEqualTo(400);
        for (String id : ids) {
            client.awaitSettled(id);
        }

        for (Applicants.Applicant applicant : List.of(approved, declined)) {
            assertNoPlaintext(output, applicant.idNumber(), applicant.phone(), applicant.bankCard());
        }
        assertNoPlaintext(output, "110105194912310021", PHONE, "6222020200112233447");
    }

    @Test
    void givenTheShippedLogbackSpringXml_whenItLogsPiiToConsoleAndFile_bothAreMasked(CapturedOutput output,
            @TempDir Path logs) throws Exception {
        List<URL> configurations = Collections.list(getClass().getClassLoader().getResources("logback-spring.xml"));
        assertThat(configurations).as("logback-spring.xml of standalone, api and workers").hasSize(3);

        for (URL configuration : configurations) {
            Path logFile = logs.resolve(UUID.randomUUID() + ".log");
            LoggerContext context = configure(configuration, logFile);
            try {
                Logger log = context.getLogger("org.springframework.web.servlet.DispatcherServlet");
                log.info("{\"name\":\"Li Wei\",\"idNumber\":\"" + ID + "\",\"phone\":\"" + PHONE + "\"}",
                        new IllegalArgumentException("card " + CARD));
            } finally {
                context.stop();
            }

            String file = Files.readString(logFile, StandardCharsets.UTF_8);
            assertThat(file).as(configuration.toString()).contains(
                    "{\"name\":\"L*****\",\"idNumber\":\"110105********002X\",\"phone\":\"138****8000\"}",
                    "java.lang.IllegalArgumentException: card 622202*********3446");
            assertThat(file).doesNotContain(ID).doesNotContain(PHONE).doesNotContain(CARD).doesNotContain("Li Wei");
        }
        assertThat(output.getOut()).contains("\"idNumber\":\"110105********002X\"");
        assertNoPlaintext(output, ID, CARD, PHONE);
    }

    @Test
    void givenNoLogFileConfigured_whenTheShippedLogbackSpringXmlIsLoaded_itWritesToTheConsoleOnly() throws Exception {
        LoggerContext context = configure(getClass().getResource("/logback-spring.xml"), null);
        try {
            assertThat(appenders(context)).extracting(Appender::getName).containsExactly("CONSOLE");
        } finally {
            context.stop();
        }
    }

    /** A context of its own, so loading the shipped configuration leaves the system's logging alone. */
    private static LoggerContext configure(URL configuration, Path logFile) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        if (logFile != null) {
            // What Spring Boot defines when logging.file.name or logging.file.path is set.
            context.putProperty("LOG_FILE", logFile.toString());
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(configuration);
        assertThat(context.getStatusManager().getCopyOfStatusList()).as(configuration.toString())
                .noneMatch(status -> status.getLevel() >= Status.WARN);
        return context;
    }

    private static List<Appender<ILoggingEvent>> appenders(LoggerContext context) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
                appenders.add(it.next());
            }
        }
        return appenders;
    }

    private static void assertNoPlaintext(CapturedOutput output, String... values) {
        for (String value : values) {
            assertThat(output.getAll()).doesNotContain(value);
        }
    }
}
