package dev.switchboard.gateway.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer check that builds no tree ({@link UsageScanner#scanObject}) says and takes what the tree reading did. */
class UsageScannerTest {
    private static final List<String> ANSWERS = List.of(
            // Chat Completions, as vLLM answers for my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M
            "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion\",\"model\":\"qwen2.5-coder-32b-instruct-q4_K_M\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"def f():\\n  return 1\","
                    + "\"tool_calls\":[]},\"logprobs\":null,\"finish_reason\":\"length\"},{\"index\":1,\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":512,\"total_tokens\":543}}",
            // usage first, a reason that is no string, nested arrays to skip
            "{\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2},\"choices\":[{\"finish_reason\":null,\"x\":[[1,[2]],{}]}]}",
            // Messages
            "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"Hi \\\"there\\\"\"}],"
                    + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":12,\"output_tokens\":6}}",
            // Responses
            "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"output\":[{\"type\":\"message\"}],"
                    + "\"usage\":{\"input_tokens\":7,\"output_tokens\":3}}",
            // members scan reads under response, delta and message
            "{\"response\":{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},"
                    + "\"usage\":{\"input_tokens\":5,\"output_tokens\":9}},\"delta\":{\"stop_reason\":\"tool_use\"},"
                    + "\"message\":{\"usage\":{\"input_tokens\":11}}}",
            // a member named twice: the last one counts, as in a tree
            "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1},\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":8},"
                    + "\"choices\":[{\"finish_reason\":\"stop\"}],\"choices\":[{\"finish_reason\":\"tool_calls\"}]}",
            // choices that are no array, an empty array, a first member that is no object
            "{\"choices\":{\"finish_reason\":\"stop\"}}",
            "{\"choices\":[]}",
            "{\"choices\":[\"stop\",{\"finish_reason\":\"length\"}]}",
            // what follows the object is not read (a tree reading stops there too)
            "{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2}} trailing",
            "{}",
            "  {\"a\":\"\\u00e9\\n\",\"b\":-1.5e3,\"c\":true,\"d\":null}  ");

    private static final List<String> NOT_AN_OBJECT = List.of(
            "", "   ", "[]", "\"text\"", "42", "null", "{", "{\"a\":}", "{\"a\":1,}", "{\"choices\":[{\"finish_reason\":\"stop\"}",
            "{\"a\":\"unterminated}", "{\"usage\":{\"prompt_tokens\":1}", "{\"a\":[1,2}", "<html>502 Bad Gateway</html>",
            "{\"a\":\"\u0001\"}");

    @Test
    void anAnswerIsTakenAsTheTreeReadingTookIt() throws Exception {
        for (String answer : ANSWERS) {
            byte[] bytes = ("xx" + answer + "yy").getBytes(StandardCharsets.UTF_8);
            UsageScanner streamed = new UsageScanner();
            assertTrue(streamed.scanObject(bytes, 2, bytes.length - 4), answer);
            UsageScanner tree = new UsageScanner();
            JsonNode root = Json.mapper().readTree(answer);
            assertTrue(root instanceof ObjectNode, answer);
            tree.scan(root);
            assertEquals(tree.inputTokens, streamed.inputTokens, answer);
            assertEquals(tree.outputTokens, streamed.outputTokens, answer);
            assertEquals(tree.stopReason, streamed.stopReason, answer);
        }
    }

    @Test
    void theFirstAnswerYieldsItsTokensAndTheFirstChoicesReason() {
        byte[] bytes = ANSWERS.get(0).getBytes(StandardCharsets.UTF_8);
        UsageScanner s = new UsageScanner();
        assertTrue(s.scanObject(bytes, 0, bytes.length));
        assertEquals(31, s.inputTokens);
        assertEquals(512, s.outputTokens);
        assertEquals("length", s.stopReason);
    }

    @Test
    void whatIsNoJsonObjectIsRefused() {
        for (String answer : NOT_AN_OBJECT) {
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            assertFalse(new UsageScanner().scanObject(bytes, 0, bytes.length), answer);
        }
        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertFalse(new UsageScanner().scanObject(badUtf8, 0, badUtf8.length));
    }
}
