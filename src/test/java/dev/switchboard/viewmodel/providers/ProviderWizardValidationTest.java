package dev.switchboard.viewmodel.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.validation.FieldValidator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every validation rule of the Add-provider wizard, as the user types (no FX toolkit needed). */
class ProviderWizardValidationTest {
    private ModelServerClient servers;
    private GatewayClient gateway;

    @BeforeEach
    void setUp() {
        servers = new ModelServerClient(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(2));
        // Never called by these tests: validation is local.
        gateway = GatewayClient.builder().embedded("http://127.0.0.1:9").apiKey("admin").build();
    }

    @AfterEach
    void tearDown() {
        gateway.close();
        servers.close();
    }

    private ProviderWizardViewModel wizard(GatewayMode mode) {
        GatewayConnection connection = new GatewayConnection(mode, gateway);
        return new ProviderWizardViewModel(connection, BackgroundTasks.direct(),
                new LocalServerScanner(servers, List.of()), () -> servers);
    }

    private static String check(FieldValidator<String> validator, javafx.beans.property.StringProperty field, String value) {
        field.set(value);
        return validator.isValid() ? "ok" : validator.getMessage();
    }

    @Test
    void providerIdRules() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        w.details().takenProviderIds().add("taken-one");
        FieldValidator<String> v = w.details().providerIdValidator();
        var id = w.details().providerIdProperty();

        assertThat(check(v, id, "my-ollama")).isEqualTo("ok");
        assertThat(check(v, id, "a")).isEqualTo("ok");
        assertThat(check(v, id, "x".repeat(255))).isEqualTo("ok");
        assertThat(check(v, id, "vllm-2")).isEqualTo("ok");
        assertThat(check(v, id, "")).isEqualTo("A provider id is required, e.g. my-ollama.");
        assertThat(check(v, id, "x".repeat(256))).isEqualTo("A provider id must be at most 255 characters.");
        String charset = "Use lower-case letters, digits and '-' only: the id is the part before ':' in provider:model.";
        assertThat(check(v, id, "My-Ollama")).isEqualTo(charset);
        assertThat(check(v, id, "my:ollama")).isEqualTo(charset);
        assertThat(check(v, id, "my ollama")).isEqualTo(charset);
        assertThat(check(v, id, "my_ollama")).isEqualTo(charset);
        assertThat(check(v, id, "ollama.local")).isEqualTo(charset);
        assertThat(check(v, id, "openai")).isEqualTo("'openai' is a built-in provider's id; choose another.");
        assertThat(check(v, id, "anthropic")).isEqualTo("'anthropic' is a built-in provider's id; choose another.");
        assertThat(check(v, id, "taken-one")).isEqualTo("A provider named 'taken-one' already exists; choose another id.");
    }

    @Test
    void providerIdRevalidatesWhenTheListOfTakenIdsArrives() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        w.details().providerIdProperty().set("my-ollama");
        assertThat(w.details().providerIdValidator().isValid()).isTrue();

        w.details().takenProviderIds().add("my-ollama");

        assertThat(w.details().providerIdValidator().isValid()).isFalse();
    }

    @Test
    void displayNameRules() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        FieldValidator<String> v = w.details().displayNameValidator();
        assertThat(check(v, w.details().displayNameProperty(), "Local Ollama")).isEqualTo("ok");
        assertThat(check(v, w.details().displayNameProperty(), "  ")).isEqualTo("A display name is required, e.g. Local Ollama.");
        assertThat(check(v, w.details().displayNameProperty(), "n".repeat(256))).isEqualTo("The name must be at most 255 characters.");
    }

    @Test
    void externalBaseUrlRulesOnTheHostedGateway() {
        ProviderWizardViewModel w = wizard(GatewayMode.HOSTED);
        FieldValidator<String> v = w.externalUrl().baseUrlValidator();
        var url = w.externalUrl().baseUrlProperty();
        String httpsOnly = "Use https://: http:// is allowed only for ngrok internal endpoints (hosts ending in .internal).";

        assertThat(check(v, url, "https://models.example.com")).isEqualTo("ok");
        assertThat(check(v, url, "https://models.example.com/v1")).isEqualTo("ok");
        assertThat(check(v, url, "http://x.internal")).isEqualTo("ok");
        assertThat(check(v, url, "http://my-ollama.internal:8080/v1")).isEqualTo("ok");
        assertThat(check(v, url, "http://example.com")).isEqualTo(httpsOnly);
        assertThat(check(v, url, "http://127.0.0.1:11434")).isEqualTo(httpsOnly);
        assertThat(check(v, url, "http://localhost:8000")).isEqualTo(httpsOnly);
        assertThat(check(v, url, "")).isEqualTo("A base URL is required, e.g. https://models.example.com.");
        assertThat(check(v, url, "ftp://example.com")).isEqualTo("Start the URL with https://.");
        assertThat(check(v, url, "example.com")).isEqualTo("Start the URL with https://.");
        assertThat(check(v, url, "https://")).isEqualTo("Not a valid URL: type it like https://models.example.com.");
        assertThat(check(v, url, "https:///path")).isEqualTo("The URL needs a host name, e.g. https://models.example.com.");
        assertThat(check(v, url, "https://exa mple.com")).isEqualTo("Not a valid URL: type it like https://models.example.com.");
        assertThat(check(v, url, "https://example.com/v1?x=1")).isEqualTo("Use the base URL only, without ?query or #fragment.");
        assertThat(check(v, url, "https://example.com/" + "p".repeat(2048))).isEqualTo("The base URL must be at most 2048 characters.");
    }

    @Test
    void theEmbeddedGatewayAlsoAcceptsHttpOnLoopback() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        FieldValidator<String> v = w.externalUrl().baseUrlValidator();
        var url = w.externalUrl().baseUrlProperty();

        assertThat(check(v, url, "http://127.0.0.1:11434")).isEqualTo("ok");
        assertThat(check(v, url, "http://localhost:8000/v1")).isEqualTo("ok");
        assertThat(check(v, url, "http://[::1]:1234")).isEqualTo("ok");
        assertThat(check(v, url, "http://x.internal")).isEqualTo("ok");
        assertThat(check(v, url, "http://example.com")).isEqualTo("Use https://: http:// is allowed only on this machine "
                + "(localhost, 127.0.0.1) or for ngrok internal endpoints (hosts ending in .internal).");
        assertThat(check(v, url, "http://192.168.1.20:11434")).startsWith("Use https://");
    }

    @Test
    void customHostPortRules() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        FieldValidator<String> v = w.findServer().customHostPortValidator();
        var field = w.findServer().customHostPortProperty();
        assertThat(check(v, field, "")).isEqualTo("ok");
        assertThat(check(v, field, "192.168.1.20:11434")).isEqualTo("ok");
        assertThat(check(v, field, "localhost:8080")).isEqualTo("ok");
        assertThat(check(v, field, "localhost")).isEqualTo("Type a host and port, e.g. 192.168.1.20:11434.");
        assertThat(check(v, field, "host:99999")).isEqualTo("Type a host and port, e.g. 192.168.1.20:11434.");
    }

    @Test
    void manualModelIdRules() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        FieldValidator<String> v = w.models().newModelIdValidator();
        var field = w.models().newModelIdProperty();
        assertThat(check(v, field, "llama3.2")).isEqualTo("ok");
        w.models().add();
        assertThat(w.models().items()).extracting(ModelChoice::modelId).containsExactly("llama3.2");
        assertThat(w.models().items().get(0).isSelected()).isTrue();
        assertThat(field.get()).isEmpty();

        assertThat(check(v, field, "")).isEqualTo("Type a model id, e.g. llama3.2.");
        assertThat(check(v, field, "llama3.2")).isEqualTo("'llama3.2' is already in the list.");
        assertThat(check(v, field, "llama 3")).isEqualTo("A model id has no spaces.");
        assertThat(check(v, field, "m".repeat(256))).isEqualTo("A model id must be at most 255 characters.");
        w.models().add();
        assertThat(w.models().items()).hasSize(1);
    }

    @Test
    void atLeastOneModelAndOneSurface() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        assertThat(w.models().validator().getMessage()).isEqualTo("Tick at least one model, or type a model id and press Add.");
        w.models().newModelIdProperty().set("qwen2.5:0.5b");
        w.models().add();
        assertThat(w.models().validator().isValid()).isTrue();
        w.models().items().get(0).setSelected(false);
        assertThat(w.models().validator().isValid()).isFalse();

        assertThat(w.details().surfacesValidator().isValid()).isTrue();
        w.details().chatCompletionsProperty().set(false);
        assertThat(w.details().surfacesValidator().getMessage()).isEqualTo("Tick at least one API surface the server speaks.");
        w.details().messagesProperty().set(true);
        assertThat(w.details().surfacesValidator().isValid()).isTrue();
    }

    @Test
    void aNewConfigurationNeedsNamesOnlyWhenAsked() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        assertThat(w.access().newConfigurationNameValidator().isValid()).isTrue();
        assertThat(w.access().newAccessKeyNameValidator().isValid()).isTrue();

        w.access().createConfigurationProperty().set(true);

        assertThat(w.access().newConfigurationNameValidator().getMessage()).isEqualTo("Name the new configuration, e.g. my-ollama-only.");
        assertThat(w.access().newAccessKeyNameValidator().getMessage()).isEqualTo("Name the new access key, e.g. laptop.");
        w.access().newConfigurationNameProperty().set("team-local");
        w.access().newAccessKeyNameProperty().set("laptop");
        assertThat(w.access().newConfigurationNameValidator().isValid()).isTrue();
        assertThat(w.access().newAccessKeyNameValidator().isValid()).isTrue();
    }

    @Test
    void providerIdsAreSuggestedFromTheHost() {
        assertThat(DetailsStep.idFromHost("api.together.xyz")).isEqualTo("together");
        assertThat(DetailsStep.idFromHost("my-vllm.example.com")).isEqualTo("my-vllm");
        assertThat(DetailsStep.idFromHost("api.openai.com")).isEqualTo("my-openai");
        assertThat(DetailsStep.idFromHost("localhost")).isEqualTo("my-server");
        assertThat(DetailsStep.idFromHost("10.0.0.5")).isEqualTo("my-server");
        assertThat(DetailsStep.idFromHost("x.internal")).isEqualTo("x");
        assertThat(DetailsStep.idFromHost("")).isEqualTo("my-server");
        assertThat(ProviderRules.slug("  Local Ollama! ")).isEqualTo("local-ollama");
    }
}
