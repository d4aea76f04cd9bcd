package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.ApiSurface;
import dev.switchboard.discovery.DiscoveredServer;
import dev.switchboard.discovery.ScanTarget;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/** Details: the provider id, its display name, the API surfaces it speaks and its models; filled in from what was found. */
public final class DetailsStep extends WizardStep {
    private final ModelList models;
    private final StringProperty providerId = new SimpleStringProperty(this, "providerId", "");
    private final FieldValidator<String> providerIdValidator;
    private final StringProperty displayName = new SimpleStringProperty(this, "displayName", "");
    private final FieldValidator<String> displayNameValidator;
    private final BooleanProperty chatCompletions = new SimpleBooleanProperty(this, "chatCompletions", true);
    private final BooleanProperty responses = new SimpleBooleanProperty(this, "responses", false);
    private final BooleanProperty messages = new SimpleBooleanProperty(this, "messages", false);
    private final ReadOnlyObjectWrapper<List<ApiSurface>> surfaces = new ReadOnlyObjectWrapper<>(this, "surfaces", List.of());
    private final FieldValidator<List<ApiSurface>> surfacesValidator;
    private final ObservableSet<String> takenProviderIds = FXCollections.observableSet(new HashSet<>());
    private Suggestion lastSuggestion = Suggestion.NONE;

    DetailsStep(ModelList models) {
        this.models = models;
        providerIdValidator = new FieldValidator<>(providerId, ProviderRules.providerId(() -> takenProviderIds), takenProviderIds);
        displayNameValidator = new FieldValidator<>(displayName, ProviderRules.displayName());
        surfaces.bind(Bindings.createObjectBinding(this::surfaceList, chatCompletions, responses, messages));
        surfacesValidator = new FieldValidator<>(surfaces, v -> v.isEmpty()
                ? ValidationStatus.error("Tick at least one API surface the server speaks.")
                : ValidationStatus.ok());
        providerId.addListener((o, a, b) -> clearError());
        displayName.addListener((o, a, b) -> clearError());
    }

    @Override
    public boolean isValid() {
        return providerIdValidator.isValid() && displayNameValidator.isValid() && surfacesValidator.isValid()
                && models.validator().isValid();
    }

    private record Suggestion(Object source, String providerId, String name, List<ApiSurface> surfaces) {
        static final Suggestion NONE = new Suggestion(null, "", "", List.of(ApiSurface.openAiChat()));
    }

    /** Suggests id, name and surfaces from a found server (e.g. {@code my-ollama}, "Local Ollama"). */
    void suggestFrom(DiscoveredServer server) {
        String id = freeId(server.kind().suggestedProviderId());
        String name = (server.target().isLoopback() ? "Local " : "") + server.kind().displayName()
                + (server.target().isLoopback() ? "" : " at " + server.target());
        apply(new Suggestion(server, id, name, server.surfaces()));
    }

    /** Suggests id and name from a server's URL ({@code api.together.xyz} → {@code together}). */
    void suggestFrom(String url) {
        String host = "";
        try {
            host = Optional.ofNullable(new URI(url).getHost()).orElse("");
        } catch (Exception e) {
            // an invalid URL cannot reach this page
        }
        apply(new Suggestion(url, freeId(idFromHost(host)), host, List.of(ApiSurface.openAiChat())));
    }

    /** Fills in what the user has not changed since the previous suggestion. */
    private void apply(Suggestion next) {
        if (next.source() != null && next.source().equals(lastSuggestion.source())) {
            return;
        }
        if (providerId.get().isEmpty() || providerId.get().equals(lastSuggestion.providerId())) {
            providerId.set(next.providerId());
        }
        if (displayName.get().isBlank() || displayName.get().equals(lastSuggestion.name())) {
            displayName.set(next.name());
        }
        if (surfaces.get().equals(lastSuggestion.surfaces())) {
            chatCompletions.set(next.surfaces().contains(ApiSurface.openAiChat()));
            responses.set(next.surfaces().contains(ApiSurface.openAiResponses()));
            messages.set(next.surfaces().contains(ApiSurface.anthropicMessages()));
        }
        lastSuggestion = next;
    }

    /** {@code api.together.xyz} → {@code together}; {@code my-vllm.example.com} → {@code my-vllm}; the top-level domain is skipped. */
    static String idFromHost(String host) {
        Set<String> generic = Set.of("api", "www", "gateway", "inference", "llm", "models", "v1");
        if (host.isEmpty() || host.contains(":") || host.matches("[0-9.]+") || ScanTarget.isLoopbackHost(host)) {
            return "my-server";
        }
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
        int last = labels.length > 1 ? labels.length - 1 : labels.length;
        for (int i = 0; i < last; i++) {
            String slug = ProviderRules.slug(labels[i]);
            if (!slug.isEmpty() && !generic.contains(slug)) {
                return ProviderRules.BUILT_IN_PROVIDERS.contains(slug) ? "my-" + slug : slug;
            }
        }
        return "my-provider";
    }

    private String freeId(String base) {
        if (!takenProviderIds.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!takenProviderIds.contains(candidate)) {
                return candidate;
            }
        }
    }

    private List<ApiSurface> surfaceList() {
        List<ApiSurface> list = new ArrayList<>();
        if (chatCompletions.get()) {
            list.add(ApiSurface.openAiChat());
        }
        if (responses.get()) {
            list.add(ApiSurface.openAiResponses());
        }
        if (messages.get()) {
            list.add(ApiSurface.anthropicMessages());
        }
        return List.copyOf(list);
    }

    public StringProperty providerIdProperty() {
        return providerId;
    }

    public FieldValidator<String> providerIdValidator() {
        return providerIdValidator;
    }

    public StringProperty displayNameProperty() {
        return displayName;
    }

    public FieldValidator<String> displayNameValidator() {
        return displayNameValidator;
    }

    public BooleanProperty chatCompletionsProperty() {
        return chatCompletions;
    }

    public BooleanProperty responsesProperty() {
        return responses;
    }

    public BooleanProperty messagesProperty() {
        return messages;
    }

    public ReadOnlyObjectProperty<List<ApiSurface>> surfacesProperty() {
        return surfaces.getReadOnlyProperty();
    }

    public FieldValidator<List<ApiSurface>> surfacesValidator() {
        return surfacesValidator;
    }

    public ObservableSet<String> takenProviderIds() {
        return takenProviderIds;
    }
}
