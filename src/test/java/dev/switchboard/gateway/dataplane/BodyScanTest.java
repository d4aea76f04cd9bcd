package dev.switchboard.gateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.route.DataPlaneError;
import dev.switchboard.gateway.upstream.Surface;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same-surface body: the client's bytes with the upstream model spliced in, the fallbacks cut and the
 * caps applied must read as exactly what the tree reading wrote before (the tree path is the reference), and
 * keep every byte it does not change; whatever the scan does not find plainly good goes to the tree reading.
 */
class BodyScanTest {
    private static final String UPSTREAM = "qwen2.5-coder-32b-instruct-q4_K_M";
    private static final String REQUESTED = "my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What the tree reading sends upstream for this body (the behaviour the splice must keep). */
    private static JsonNode viaTree(String body, Surface surface, Long cap) throws Exception {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(utf8(body));
        tree.remove("models");
        return Json.mapper().readTree(UpstreamBody.write(tree, null, surface, UPSTREAM, cap));
    }

    private static String spliced(String body, Surface surface, Long cap) throws Exception {
        BodyScan scan = BodyScan.scan(utf8(body));
        assertThat(scan).as("scanned: %s", body).isNotNull();
        byte[] out = scan.upstreamBytes(UPSTREAM, surface, cap);
        // a field named twice in the result would be read differently by different servers
        JsonNode read = Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(out);
        assertThat(read).as("spliced %s", body).isEqualTo(viaTree(body, surface, cap));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void theModelIsSplicedIntoTheClientsOwnBytes() throws Exception {
        String body = "{ \"model\" :\t\"" + REQUESTED + "\" ,\n \"messages\": [ {\"role\":\"user\", \"content\": "
                + "\"caf\\u00e9 \\\"quoted\\\" \\\\ back\\/slash 日本語 🎉\"} ],\"temperature\":0.70 }\n";
        String out = spliced(body, Surface.CHAT_COMPLETIONS, null);
        assertThat(out).isEqualTo(body.replace(REQUESTED, UPSTREAM));
        assertThat(BodyScan.scan(utf8(body)).model).isEqualTo(REQUESTED);
    }

    @Test
    void anEscapedModelIsReadDecodedAndReplacedWhole() throws Exception {
        String body = "{\"model\":\"my-workstation-vllm:qwen\\u0032.5-c\\u00f6der\",\"messages\":[]}";
        assertThat(BodyScan.scan(utf8(body)).model).isEqualTo("my-workstation-vllm:qwen2.5-cöder");
        assertThat(spliced(body, Surface.CHAT_COMPLETIONS, null))
                .isEqualTo("{\"model\":\"" + UPSTREAM + "\",\"messages\":[]}");
    }

    @Test
    void anUpstreamModelIdIsWrittenAsAJsonString() throws Exception {
        String odd = "models/qwen \"2.5\" ünïcode\\path\t\u0001 🎉";
        byte[] out = BodyScan.scan(utf8("{\"model\":\"p:m\",\"messages\":[]}")).upstreamBytes(odd,
                Surface.CHAT_COMPLETIONS, null);
        assertThat(Json.mapper().readTree(out).path("model").asText()).isEqualTo(odd);
    }

    @Test
    void onlyTheTopLevelModelChangesNotOnesNestedInMessagesOrMetadata() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"model\":\"other:model\"}],"
                + "\"metadata\":{\"model\":\"x\",\"models\":[\"y\"]},\"model\":\"" + REQUESTED + "\"}";
        String out = spliced(body, Surface.CHAT_COMPLETIONS, null);
        assertThat(out).contains("\"model\":\"other:model\"", "\"metadata\":{\"model\":\"x\",\"models\":[\"y\"]}")
                .endsWith("\"model\":\"" + UPSTREAM + "\"}");
    }

    @Test
    void fallbacksAreCutWhereverTheyStand() throws Exception {
        for (String body : List.of(
                "{\"models\": [\"a:b\", \"c:d\"] , \"model\":\"" + REQUESTED + "\",\"messages\":[]}",
                "{\"model\":\"" + REQUESTED + "\", \"models\":[\"a:b\"], \"messages\":[]}",
                "{\"model\":\"" + REQUESTED + "\",\"messages\":[] ,\"models\" : [\"a:b\"] }",
                "{\"model\":\"" + REQUESTED + "\",\"models\":null}")) {
            assertThat(spliced(body, Surface.CHAT_COMPLETIONS, null)).doesNotContain("models", "a:b");
        }
        assertThat(BodyScan.scan(utf8("{\"model\":\"p:m\",\"models\":[\"a:b\",\"c:d\"]}")).requested)
                .containsExactly("p:m", "a:b", "c:d");
    }

    @Test
    void capsAreKeptReplacedOrAddedAsTheTreeDid() throws Exception {
        String head = "{\"model\":\"" + REQUESTED + "\",\"messages\":[]";
        assertThat(spliced(head + ",\"max_tokens\": 32 }", Surface.CHAT_COMPLETIONS, 100L)).contains("\"max_tokens\": 32 }");
        assertThat(spliced(head + ",\"max_tokens\":5000}", Surface.CHAT_COMPLETIONS, 100L)).contains("\"max_tokens\":100}");
        assertThat(spliced(head + "}", Surface.CHAT_COMPLETIONS, 100L)).endsWith(",\"max_tokens\":100}");
        assertThat(spliced(head + "}", Surface.RESPONSES, 100L)).endsWith(",\"max_output_tokens\":100}");
        for (String value : List.of("null", "1e400", "100.5", "99.5", "-1", "100000000000000000000000000000", "\"99999\"",
                "true", "[1]", "{\"n\":1}")) {
            spliced(head + ",\"max_tokens\":" + value + ",\"max_completion_tokens\":" + value + "}",
                    Surface.CHAT_COMPLETIONS, 100L);
            spliced(head + ",\"max_tokens\":" + value + "}", Surface.MESSAGES, 100L);
        }
        spliced("{\"models\":[\"a:b\"],\"max_tokens\":900,\"model\":\"" + REQUESTED + "\"}", Surface.CHAT_COMPLETIONS, 100L);
    }

    @Test
    void streamAndTheTextEstimateAreReadAsTheTreeReadsThem() throws Exception {
        String body = "{\"model\":\"" + REQUESTED + "\",\"stream\":true,\"models\":[\"a:b\"],\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"caf\\u00e9 🎉\"}],\"max_tokens\":\"12\"}";
        ClientBody scanned = ClientBody.read(utf8(body));
        assertThat(scanned.stream()).isTrue();
        long treeChars = "user".length() + "café 🎉".length() + "12".length();
        assertThat(scanned.inputTokenEstimate()).isEqualTo((treeChars + 3) / 4);
        assertThat(BodyScan.scan(utf8("{\"model\":\"p:m\",\"stream\":false}")).stream).isFalse();
    }

    @Test
    void whatTheScanDoesNotFindPlainlyGoodGoesToTheTreeWhichWordsTheError() {
        for (String bad : List.of(
                "{\"model\":\"p:m\",\"model\":\"q:n\"}",
                "{\"model\":\"p:m\",\"messages\":[{\"role\":\"user\",\"role\":\"system\"}]}",
                "{\"Model\":\"p:m\",\"model\":\"q:n\"}",
                "{\"model\":\"p:m\",\"ſtream\":true,\"modelſ\":[]}",
                "{\"model\":\"p:m\",\"messages\":[{\"content\":\"\\ud800\"}]}",
                "{\"model\":\"p:m\"} {\"model\":\"q:n\"}",
                "{\"model\":42}",
                "{\"model\":\"p:m\",\"models\":\"q:n\"}",
                "{\"model\":\"p:m\",\"models\":[\"q:n\",7]}",
                "{\"model\":\"p:m\",\"stream\":\"yes\"}",
                "{\"messages\":[]}",
                "[{\"model\":\"p:m\"}]",
                "{\"model\":\"p:m\"")) {
            assertThat(BodyScan.scan(utf8(bad))).as(bad).isNull();
        }
        assertThatThrownBy(() -> ClientBody.read(utf8("{\"model\":\"p:m\",\"model\":\"q:n\"}")))
                .isInstanceOf(DataPlaneError.class).hasMessageContaining("Duplicate field 'model'");
        assertThatThrownBy(() -> ClientBody.read(utf8("{\"model\":\"p:m\",\"x\":\"\\ud800\"}")))
                .isInstanceOf(DataPlaneError.class).hasMessageContaining("The string at 'x'");
        assertThatThrownBy(() -> ClientBody.read(utf8("{\"model\":\"p:m\",\"stream\":\"yes\"}")).stream())
                .isInstanceOf(DataPlaneError.class).hasMessageContaining("\"stream\" must be true or false");
    }

    @Test
    void aSurrogatePairIsReadByTheTreeAndStillRelayed() throws Exception {
        String body = "{\"model\":\"" + REQUESTED + "\",\"messages\":[{\"content\":\"\\ud83d\\ude00\"}]}";
        ClientBody read = ClientBody.read(utf8(body));
        assertThat(read.model()).isEqualTo(REQUESTED);
        JsonNode out = Json.mapper().readTree(read.upstreamBytes(null, Surface.CHAT_COMPLETIONS, UPSTREAM, null));
        assertThat(out.path("messages").path(0).path("content").asText()).isEqualTo("😀");
        assertThat(out.path("model").asText()).isEqualTo(UPSTREAM);
    }
}
