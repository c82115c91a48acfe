package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The rule editor page at /admin/rules, end to end in headless Chromium (issue 10): a business user
 * opens the active version, lowers a threshold, saves, sees a broken cell marked, fixes it,
 * back-tests; a second editor approves; it is published; and the next application the API takes
 * is decided by the new threshold. The browser part is {@code src/test/e2e/rules-editor.mjs}
 * (Playwright with the system Chromium); this test starts it against the running system and checks
 * what it did. Leaves the version it found active. A second test takes a file saved by Camunda
 * Modeler through the validator and the editor and checks nothing of it is lost.
 *
 * <p>Needs Chromium and Node with the e2e package installed. Where they are missing the test is
 * skipped with a message saying how to install them; CI ({@code .ci/run}) installs them.
 */
@SystemTest
class RulesEditorBrowserTest {

    private static final Path E2E = Path.of("src/test/e2e");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTALL = "install Chromium and the browser-test package to run it:"
            + " apt-get install -y chromium && (cd standalone/src/test/e2e && npm ci)";

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
    void givenTwoRuleEditorsInTheBrowser_aLoweredThresholdIsValidatedApprovedPublishedAndDecidesTheNextApplication()
            throws Exception {
        Path chromium = requireBrowser();
        String editor = client.staffToken("editor");
        String previous = client.getAs(editor, "/api/v1/rulesets/active").body().get("version").asText();
        // Decided by the version before: what the back-test in the browser must show changing.
        JsonNode before = client.awaitDecidedWith(applicants, previous);
        assertThat(before.get("decision").get("approvedAmount").decimalValue()).isEqualByComparingTo("2000");
        JsonNode result;
        try {
            result = runScript(chromium, "rules-editor.mjs", Map.of());

            assertThat(result.get("previous").asText()).isEqualTo(previous);
            assertThat(result.get("watermark").asBoolean()).as("bpmn.io watermark shown").isTrue();
            assertThat(result.get("problem").asText()).contains("grade_b", "probabilityOfDefalt");
            assertThat(result.get("markedCellTitle").asText()).contains("probabilityOfDefalt");
            assertThat(result.get("cellErrorsAfterFix").asInt()).isZero();
            assertThat(result.get("backTestAgainst").asText()).isEqualTo(previous);
            assertThat(result.get("backTestChanged").asText()).contains("would be decided differently")
                    .doesNotStartWith("0 of");
            assertThat(result.get("backTestSegments").asInt()).isPositive();
            assertThat(result.get("ownApproval").asText()).containsIgnoringCase("author");
            assertThat(result.get("previousStatus").asText()).isEqualTo("RETIRED");
            String version = result.get("version").asText();
            JsonNode stored = client.getAs(editor, "/api/v1/rulesets/" + version).body();
            assertThat(stored.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(stored.get("author").asText()).isEqualTo("staff:editor");
            assertThat(stored.get("approver").asText()).isEqualTo("staff:editor2");
            assertThat(stored.get("dmnXml").asText()).contains("[0.05..0.15[").doesNotContain("probabilityOfDefalt");

            JsonNode decided = client.awaitDecidedWith(applicants, version);
            assertThat(decided.get("decision").get("approvedAmount").decimalValue()).isEqualByComparingTo("1500");
        } finally {
            if (!previous.equals(client.getAs(editor, "/api/v1/rulesets/active").body().get("version").asText())) {
                assertThat(client.postAs(editor, "/api/v1/rulesets/" + previous + "/publish", "").status())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void givenAFileSavedByCamundaModeler_itIsAcceptedAndComesBackOutOfTheEditorWithNothingLost() throws Exception {
        Path chromium = requireBrowser();
        String editor = client.staffToken("editor");
        String saved = Files.readString(Path.of("src/test/resources/dmn/saved-by-camunda-modeler.dmn"));
        ObjectNode submission = JSON.createObjectNode().put("dmnXml", saved).put("comment", "from Camunda Modeler");
        submission.putArray("testCases");
        SystemClient.Answer drafted = client.postAs(editor, "/api/v1/rulesets", JSON.writeValueAsString(submission));
        assertThat(drafted.status()).as(String.valueOf(drafted.body())).isEqualTo(201);
        String version = drafted.body().get("version").asText();
        assertThat(client.getAs(editor, "/api/v1/rulesets/" + version).body().get("dmnXml").asText())
                .as("the validator stores what it was given").isEqualTo(saved);

        JsonNode result = runScript(chromium, "round-trip.mjs", Map.of("VERSION", version));

        String roundTripped = client.getAs(editor, "/api/v1/rulesets/" + result.get("version").asText()).body()
                .get("dmnXml").asText();
        assertThat(canonical(roundTripped)).containsExactlyElementsOf(canonical(saved));
        assertThat(roundTripped).contains("exporter=\"Camunda Modeler\"", "camunda:inputVariable=\"loans\"",
                "Owned by the credit policy team");
    }

    /**
     * Every element of a DMN document in document order, with its namespace, name, attributes
     * (sorted, namespace declarations left out, the schema's default hit policy spelled out) and
     * text: what must survive a round trip, whatever the indentation, attribute order or prefixes
     * the editor writes.
     */
    private static List<String> canonical(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<String> lines = new ArrayList<>();
        collect(factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement(), "",
                lines);
        return lines;
    }

    private static void collect(Element element, String path, List<String> lines) {
        String here = path + "/" + element.getNamespaceURI() + ":" + element.getLocalName();
        List<String> attributes = new ArrayList<>();
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Node attribute = map.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                attributes.add((attribute.getNamespaceURI() == null ? "" : attribute.getNamespaceURI() + ":")
                        + attribute.getLocalName() + "=" + attribute.getNodeValue());
            }
        }
        if ("decisionTable".equals(element.getLocalName()) && !element.hasAttribute("hitPolicy")) {
            // UNIQUE is the schema's default, and dmn-js leaves a default out when it writes.
            attributes.add("hitPolicy=UNIQUE");
        }
        attributes.sort(null);
        StringBuilder text = new StringBuilder();
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                children.add(childElement);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        lines.add(here + " " + attributes + (text.toString().isBlank() ? "" : " \"" + text.toString().trim() + "\""));
        for (Element child : children) {
            collect(child, here, lines);
        }
    }

    private Path requireBrowser() {
        Path chromium = chromium();
        String missing = chromium == null ? "Chromium not found (set CHROMIUM or put chromium on the PATH)"
                : !Files.isDirectory(E2E.resolve("node_modules/playwright-core"))
                ? "playwright-core is not installed in " + E2E.toAbsolutePath() : null;
        if (missing != null) {
            // On the console too, not only in the report: a skipped browser test must be seen.
            System.err.println("SKIPPED RulesEditorBrowserTest: " + missing + "; " + INSTALL);
            Assumptions.abort(missing + "; " + INSTALL);
        }
        return chromium;
    }

    private JsonNode runScript(Path chromium, String script, Map<String, String> env)
            throws IOException, InterruptedException {
        Path artifacts = Files.createDirectories(Path.of("target/e2e"));
        ProcessBuilder node = new ProcessBuilder("node", script).directory(E2E.toFile())
                .redirectErrorStream(false);
        node.environment().putAll(env);
        node.environment().put("BASE_URL", "http://localhost:" + port);
        node.environment().put("CHROMIUM", chromium.toString());
        node.environment().put("PASSWORD", "swiftlend-demo");
        node.environment().put("ARTIFACTS", artifacts.toAbsolutePath().toString());
        Path out = artifacts.resolve(script + ".out");
        Path err = artifacts.resolve(script + ".err");
        Process process = node.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(finished && process.exitValue() == 0)
                .as("the browser script failed (screenshot in %s):%n%s%n%s", artifacts.toAbsolutePath(), stderr, stdout)
                .isTrue();
        List<String> lines = stdout.lines().filter(line -> line.startsWith("{")).toList();
        assertThat(lines).as(stdout).isNotEmpty();
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    /** CHROMIUM when set, else chromium or chromium-browser on the PATH; null when there is none. */
    private static Path chromium() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
