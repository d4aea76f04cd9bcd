package dev.switchboard.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Json;
import dev.switchboard.client.Surface;
import dev.switchboard.viewmodel.chat.CurlCommand;
import dev.switchboard.viewmodel.providers.ProviderRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every command the console and the README show names a key kind by one shell variable: one for tokens, one for API keys. */
class KeyPlaceholdersTest {
    private static final Pattern BEARER = Pattern.compile("Bearer \\$\\{?([A-Za-z_]+)");
    private static final Pattern KEY_LIKE_VAR = Pattern.compile("\\$\\{?([A-Z_]*(?:TOKEN|ACCESS_KEY|API_KEY))\\b");
    private static final String MODEL = "my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M";

    @Test
    void dataPlaneSnippetsUseTheAccessTokenAndControlPlaneSnippetsTheApiKey() {
        List<String> dataPlane = new ArrayList<>();
        ObjectNode body = Json.mapper().createObjectNode().put("model", MODEL).put("stream", true);
        for (Surface s : Surface.values()) {
            dataPlane.add(CurlCommand.of("http://127.0.0.1:7878/v1/", s, body));
        }
        dataPlane.add(ProviderRequests.tryItCurl("http://127.0.0.1:7878", MODEL, ""));
        String controlPlane = ProviderRequests.curl("https://api.ngrok.ai", "/providers", ProviderRequests.create(
                "my-workstation-vllm", "Workstation vLLM", "https://my-workstation-vllm.internal",
                List.of(ApiSurface.openAiChat()), List.of("qwen2.5-coder-32b-instruct-q4_K_M")));

        for (String curl : dataPlane) {
            assertThat(bearerVars(curl)).as(curl).containsExactly(KeyPlaceholders.ACCESS_TOKEN_VAR);
        }
        assertThat(bearerVars(controlPlane)).as(controlPlane).containsExactly(KeyPlaceholders.HOSTED_API_KEY_VAR);
    }

    @Test
    void noOtherKeyVariableIsNamedInTheSourcesOrTheReadme() throws IOException {
        TreeSet<String> named = new TreeSet<>();
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> walk = Files.walk(Path.of("src/main"))) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(java|fxml|md|properties|css)$"))
                    .forEach(files::add);
        }
        for (Path f : files) {
            Matcher m = KEY_LIKE_VAR.matcher(Files.readString(f));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).as("key variables named in src/main and README.md")
                .isSubsetOf(KeyPlaceholders.ACCESS_TOKEN_VAR, KeyPlaceholders.HOSTED_API_KEY_VAR);
    }

    private static List<String> bearerVars(String text) {
        List<String> vars = new ArrayList<>();
        Matcher m = BEARER.matcher(text);
        while (m.find()) {
            vars.add(m.group(1));
        }
        return vars;
    }
}
