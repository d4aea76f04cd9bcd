package dev.switchboard.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.upstream.SseEvent;
import dev.switchboard.gateway.upstream.Surface;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files under {@code src/test/resources/translate/<client>-via-<upstream>/}: for each case,
 * {@code <case>.client-request.json} → {@code <case>.upstream-request.json} (and {@code <case>.dropped.json}),
 * {@code <case>.upstream-response.json} → {@code <case>.client-response.json},
 * {@code <case>.upstream-stream.sse} → {@code <case>.client-stream.sse}. The request, when present,
 * is translated first, as the gateway does, so the answer's translation knows what was asked.
 */
class GoldenFilesTest {
    private static final Set<String> INPUTS = Set.of("client-request.json", "upstream-response.json", "upstream-stream.sse");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T13:00:00Z"), ZoneOffset.UTC);

    @TestFactory
    Stream<DynamicTest> everyGoldenCase() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/translate").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> pairs = Files.list(root)) {
            for (Path pair : pairs.filter(Files::isDirectory).sorted().toList()) {
                String[] surfaces = pair.getFileName().toString().split("-via-");
                Surface client = surface(surfaces[0]);
                Surface upstream = surface(surfaces[1]);
                Set<String> cases = new TreeSet<>();
                try (Stream<Path> files = Files.list(pair)) {
                    for (Path file : files.toList()) {
                        String name = file.getFileName().toString();
                        int dot = name.indexOf('.');
                        if (INPUTS.contains(name.substring(dot + 1))) {
                            cases.add(name.substring(0, dot));
                        }
                    }
                }
                for (String caseName : cases) {
                    tests.add(DynamicTest.dynamicTest(pair.getFileName() + "/" + caseName,
                            () -> runCase(pair, caseName, client, upstream)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(10);
        return tests.stream();
    }

    private static void runCase(Path dir, String name, Surface client, Surface upstream) throws IOException {
        CrossSurfaceAdapter adapter = Translators.forPair(client, upstream, CLOCK);
        Path request = dir.resolve(name + ".client-request.json");
        boolean checked = false;
        if (Files.exists(request)) {
            ObjectNode in = (ObjectNode) Json.mapper().readTree(request.toFile());
            ObjectNode before = in.deepCopy();
            ObjectNode out = adapter.translateRequest(in);
            assertThat(in).as("the client request is not modified").isEqualTo(before);
            assertJson(dir.resolve(name + ".upstream-request.json"), out);
            Path droppedFile = dir.resolve(name + ".dropped.json");
            JsonNode dropped = Json.mapper().valueToTree(adapter.droppedParams());
            if (Files.exists(droppedFile) || !adapter.droppedParams().isEmpty()) {
                assertJson(droppedFile, dropped);
            }
            checked = true;
        }
        Path response = dir.resolve(name + ".upstream-response.json");
        if (Files.exists(response)) {
            ObjectNode out = adapter.translateResponse((ObjectNode) Json.mapper().readTree(response.toFile()));
            assertJson(dir.resolve(name + ".client-response.json"), out);
            checked = true;
        }
        Path stream = dir.resolve(name + ".upstream-stream.sse");
        if (Files.exists(stream)) {
            CrossSurfaceStream translator = adapter.newStreamTranslator();
            List<SseEvent> out = new ArrayList<>();
            for (SseEvent e : SseText.parse(Files.readString(stream))) {
                out.addAll(translator.onEvent(e));
            }
            out.addAll(translator.finish());
            assertThat(translator.finish()).as("finish is idempotent").isEmpty();
            assertStream(dir.resolve(name + ".client-stream.sse"), out);
            checked = true;
        }
        assertThat(checked).as("case " + name + " has something to check").isTrue();
    }

    /** A surface by its name in a provider's {@code supportedApiSurfaces}, e.g. {@code chat-completions}. */
    static Surface surface(String name) {
        for (Surface s : Surface.values()) {
            if (s.surfaceName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static void assertJson(Path expectedFile, JsonNode actual) throws IOException {
        String actualText = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n";
        if (updating(expectedFile)) {
            Files.writeString(sourceOf(expectedFile), actualText);
            return;
        }
        JsonNode expected = Json.mapper().readTree(expectedFile.toFile());
        String expectedText = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(expected) + "\n";
        assertThat(actualText).as(expectedFile.getFileName().toString()).isEqualTo(expectedText);
    }

    static void assertStream(Path expectedFile, List<SseEvent> actual) throws IOException {
        if (updating(expectedFile)) {
            Files.writeString(sourceOf(expectedFile), SseText.write(actual));
            return;
        }
        List<SseEvent> expected = SseText.parse(Files.readString(expectedFile));
        assertThat(render(actual)).as(expectedFile.getFileName().toString()).isEqualTo(render(expected));
    }

    /** Events as comparable text: the name, then the data as canonical JSON (or as is, for [DONE]). */
    private static String render(List<SseEvent> events) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (SseEvent e : events) {
            sb.append("event: ").append(e.event()).append('\n');
            sb.append(Events.isDone(e) ? e.data() : Json.mapper().writeValueAsString(Json.mapper().readTree(e.data())));
            sb.append("\n\n");
        }
        return sb.toString();
    }

    /** {@code -Dgolden.update=true} rewrites the expected files from the actual output, for review in git diff. */
    private static boolean updating(Path expectedFile) {
        return Boolean.getBoolean("golden.update") || !Files.exists(expectedFile) && Boolean.getBoolean("golden.create");
    }

    private static Path sourceOf(Path target) {
        String s = target.toString().replace("/target/test-classes/", "/src/test/resources/");
        return Path.of(s);
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
