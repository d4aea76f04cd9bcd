package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyConfigurationUpdate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.client.ConflictException;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.ValidationException;
import dev.switchboard.discovery.ChatTestResult;
import dev.switchboard.discovery.DiscoveredServer;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.discovery.ProbeResult;
import dev.switchboard.discovery.ScanTarget;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.DialogService;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The Add-provider wizard, all pages in one view-model: Kind → (Local: find the server |
 * External: URL, key, models) → Details → Reach (Local only) → Test → Access → Review → Done.
 * Going Back keeps everything typed. Gateway calls and server probes run on {@link BackgroundTasks};
 * results are applied on the UI thread.
 */
public final class ProviderWizardViewModel {
    public enum Kind { EXTERNAL, LOCAL }

    public enum Page {
        KIND("Kind"), FIND_SERVER("Find the server"), EXTERNAL_URL("Server URL"), DETAILS("Details"),
        REACH("Reach"), TEST("Test"), ACCESS("Access"), REVIEW("Review"), DONE("Done");

        private final String title;

        Page(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public enum TestOutcome { NOT_RUN, RUNNING, SUCCEEDED, FAILED }

    public static final String DEFAULT_TEST_MESSAGE = "Say hello in one short sentence.";
    public static final String PROVIDER_KEY_NAME = "primary";
    /** Models ticked at once when a server lists at most this many; a longer list starts unticked. */
    static final int TICK_ALL_UP_TO = 25;
    static final String START_OLLAMA_HINT = "Nothing found. Start Ollama with `ollama serve` (install it from ollama.com), "
            + "pull a model with `ollama pull llama3.2`, then press Scan again. Another server? Type its host:port below.";

    private final GatewayClient gateway;
    private final GatewayConnection connection;
    private final BackgroundTasks tasks;
    private final LocalServerScanner scanner;
    private final ModelServerClient servers;
    private DialogService dialogs;

    // navigation
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(this, "page", Page.KIND);
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind");
    private final Map<Page, ReadOnlyStringWrapper> pageErrors = new EnumMap<>(Page.class);

    // Local: find the server
    private final ObservableList<ProbeResult> scanResults = FXCollections.observableArrayList();
    private final ObservableList<DiscoveredServer> foundServers = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning", false);
    private final ReadOnlyStringWrapper scanStatus = new ReadOnlyStringWrapper(this, "scanStatus", "");
    private final BooleanBinding nothingFound = Bindings.createBooleanBinding(
            () -> !scanning.get() && foundServers.isEmpty() && !scanResults.isEmpty(), scanning, foundServers, scanResults);
    private final ObjectProperty<DiscoveredServer> selectedServer = new SimpleObjectProperty<>(this, "selectedServer");
    private final StringProperty customHostPort = new SimpleStringProperty(this, "customHostPort", "");
    private final FieldValidator<String> customHostPortValidator;
    private int scanGeneration;
    private int scansPending;

    // External: URL and key
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");
    private final FieldValidator<String> baseUrlValidator;
    private final StringProperty providerKey = new SimpleStringProperty(this, "providerKey", "");
    private final BooleanProperty keyVisible = new SimpleBooleanProperty(this, "keyVisible", false);
    private final ReadOnlyBooleanWrapper fetchingModels = new ReadOnlyBooleanWrapper(this, "fetchingModels", false);
    private final ReadOnlyStringWrapper fetchStatus = new ReadOnlyStringWrapper(this, "fetchStatus", "");

    // models (shared by the discovery pages and Details)
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList(ModelChoice.extractor());
    private final StringProperty newModelId = new SimpleStringProperty(this, "newModelId", "");
    private final FieldValidator<String> newModelIdValidator;
    private final FieldValidator<List<String>> modelsValidator;
    private final ReadOnlyObjectWrapper<List<String>> selectedModelIds = new ReadOnlyObjectWrapper<>(this, "selectedModelIds", List.of());

    // Details
    private final StringProperty providerId = new SimpleStringProperty(this, "providerId", "");
    private final FieldValidator<String> providerIdValidator;
    private final StringProperty displayName = new SimpleStringProperty(this, "displayName", "");
    private final FieldValidator<String> displayNameValidator;
    private final BooleanProperty chatCompletions = new SimpleBooleanProperty(this, "chatCompletions", true);
    private final BooleanProperty responses = new SimpleBooleanProperty(this, "responses", false);
    private final BooleanProperty messages = new SimpleBooleanProperty(this, "messages", false);
    private final FieldValidator<List<ApiSurface>> surfacesValidator;
    private final ReadOnlyObjectWrapper<List<ApiSurface>> surfaces = new ReadOnlyObjectWrapper<>(this, "surfaces", List.of());
    private final ObservableSet<String> takenProviderIds = FXCollections.observableSet(new HashSet<>());
    private Suggestion lastSuggestion = Suggestion.NONE;

    // Reach
    private final StringBinding reachBaseUrl;
    private final StringBinding ngrokCommand;
    private final FieldValidator<String> reachBaseUrlValidator;

    // Test
    private final StringProperty testModel = new SimpleStringProperty(this, "testModel", "");
    private final StringProperty testMessage = new SimpleStringProperty(this, "testMessage", DEFAULT_TEST_MESSAGE);
    private final ReadOnlyObjectWrapper<TestOutcome> testOutcome = new ReadOnlyObjectWrapper<>(this, "testOutcome", TestOutcome.NOT_RUN);
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private int testGeneration;

    // Access
    private final ObservableList<ConfigurationChoice> configurations = FXCollections.observableArrayList(ConfigurationChoice.extractor());
    private final ReadOnlyBooleanWrapper configurationsLoading = new ReadOnlyBooleanWrapper(this, "configurationsLoading", false);
    private final ReadOnlyBooleanWrapper configurationsLoaded = new ReadOnlyBooleanWrapper(this, "configurationsLoaded", false);
    private final BooleanProperty createConfiguration = new SimpleBooleanProperty(this, "createConfiguration", false);
    private final StringProperty newConfigurationName = new SimpleStringProperty(this, "newConfigurationName", "");
    private final StringProperty newAccessKeyName = new SimpleStringProperty(this, "newAccessKeyName", "");
    private final FieldValidator<String> newConfigurationNameValidator;
    private final FieldValidator<String> newAccessKeyNameValidator;

    // Review and result
    private final StringBinding effectiveBaseUrl;
    private final StringBinding requestJson;
    private final StringBinding curlCommand;
    private final StringBinding plan;
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper(this, "creating", false);
    private final ReadOnlyObjectWrapper<Provider> createdProvider = new ReadOnlyObjectWrapper<>(this, "createdProvider");
    private final ReadOnlyStringWrapper createdToken = new ReadOnlyStringWrapper(this, "createdToken", "");
    private final ReadOnlyStringWrapper doneSummary = new ReadOnlyStringWrapper(this, "doneSummary", "");
    private final ReadOnlyStringWrapper tryItCommand = new ReadOnlyStringWrapper(this, "tryItCommand", "");
    private final Creation creation = new Creation();

    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;
    private final StringBinding nextLabel;
    private final StringBinding currentError;

    public ProviderWizardViewModel(GatewayConnection connection, BackgroundTasks tasks, LocalServerScanner scanner,
                                   ModelServerClient servers) {
        this.gateway = connection.client();
        this.connection = connection;
        this.tasks = tasks;
        this.scanner = scanner;
        this.servers = servers;
        for (Page p : Page.values()) {
            pageErrors.put(p, new ReadOnlyStringWrapper(this, "error" + p, ""));
        }

        customHostPortValidator = new FieldValidator<>(customHostPort, ProviderRules.customHostPort());
        baseUrlValidator = new FieldValidator<>(baseUrl, ProviderRules.baseUrl(this::mode));
        newModelIdValidator = new FieldValidator<>(newModelId,
                ProviderRules.newModelId(() -> models.stream().map(ModelChoice::modelId).toList()), models);
        providerIdValidator = new FieldValidator<>(providerId, ProviderRules.providerId(() -> takenProviderIds), takenProviderIds);
        displayNameValidator = new FieldValidator<>(displayName, ProviderRules.displayName());

        selectedModelIds.bind(Bindings.createObjectBinding(() -> models.stream()
                .filter(ModelChoice::isSelected).map(ModelChoice::modelId).toList(), models));
        modelsValidator = new FieldValidator<>(selectedModelIds, v -> v.isEmpty()
                ? ValidationStatus.error("Tick at least one model, or type a model id and press Add.")
                : ValidationStatus.ok());
        surfaces.bind(Bindings.createObjectBinding(this::surfaceList, chatCompletions, responses, messages));
        surfacesValidator = new FieldValidator<>(surfaces, v -> v.isEmpty()
                ? ValidationStatus.error("Tick at least one API surface the server speaks.")
                : ValidationStatus.ok());

        reachBaseUrl = Bindings.createStringBinding(() -> {
            DiscoveredServer server = selectedServer.get();
            if (server == null) {
                return "";
            }
            return mode() == GatewayMode.HOSTED ? ProviderRequests.internalUrl(providerId.get()) : server.baseUrl();
        }, selectedServer, providerId);
        ngrokCommand = Bindings.createStringBinding(() -> selectedServer.get() == null ? ""
                : ProviderRequests.ngrokCommand(selectedServer.get().target(), providerId.get()), selectedServer, providerId);
        reachBaseUrlValidator = new FieldValidator<>(reachBaseUrl, ProviderRules.baseUrl(this::mode));

        newConfigurationNameValidator = new FieldValidator<>(newConfigurationName, v -> !createConfiguration.get()
                ? ValidationStatus.ok() : ProviderRules.displayName().check(v).valid() ? ValidationStatus.ok()
                : ValidationStatus.error("Name the new configuration, e.g. my-ollama-only."), createConfiguration);
        newAccessKeyNameValidator = new FieldValidator<>(newAccessKeyName, v -> !createConfiguration.get()
                ? ValidationStatus.ok() : ProviderRules.displayName().check(v).valid() ? ValidationStatus.ok()
                : ValidationStatus.error("Name the new access key, e.g. laptop."), createConfiguration);

        effectiveBaseUrl = Bindings.createStringBinding(() -> kind.get() == Kind.LOCAL ? reachBaseUrl.get() : baseUrl.get().strip(),
                kind, reachBaseUrl, baseUrl);
        requestJson = Bindings.createStringBinding(() -> ProviderRequests.prettyJson(createRequest()),
                providerId, displayName, effectiveBaseUrl, surfaces, selectedModelIds);
        curlCommand = Bindings.createStringBinding(() -> ProviderRequests.curl(hostedControlPlaneUrl(), "/providers", createRequest()),
                providerId, displayName, effectiveBaseUrl, surfaces, selectedModelIds);
        plan = Bindings.createStringBinding(this::describePlan, providerId, providerKey, configurations,
                createConfiguration, newConfigurationName, newAccessKeyName, selectedModelIds);

        canGoNext = Bindings.createBooleanBinding(() -> isPageValid(page.get()) && !creating.get(), pageDependencies());
        canGoBack = Bindings.createBooleanBinding(() -> page.get() != Page.KIND && page.get() != Page.DONE && !creating.get(),
                page, creating);
        nextLabel = Bindings.createStringBinding(() -> switch (page.get()) {
            case TEST -> testOutcome.get() == TestOutcome.SUCCEEDED ? "Next" : "Skip";
            case REVIEW -> creation.providerCreated() ? "Finish" : "Create";
            case DONE -> "Close";
            default -> "Next";
        }, page, testOutcome, createdProvider);
        currentError = Bindings.createStringBinding(() -> pageErrors.get(page.get()).get(),
                pageErrorDependencies());

        // Anything typed on a page clears the server error shown there.
        baseUrl.addListener((o, a, b) -> clearError(Page.EXTERNAL_URL));
        providerId.addListener((o, a, b) -> clearError(Page.DETAILS));
        displayName.addListener((o, a, b) -> clearError(Page.DETAILS));
        selectedServer.addListener((o, a, b) -> onServerSelected(b));
        providerKey.addListener((o, a, b) -> fetchStatus.set(""));
    }

    // ---------------------------------------------------------------- navigation

    /** The pages of the current path, for the step indicator. */
    public List<Page> steps() {
        if (kind.get() == Kind.LOCAL) {
            return List.of(Page.KIND, Page.FIND_SERVER, Page.DETAILS, Page.REACH, Page.TEST, Page.ACCESS, Page.REVIEW);
        }
        if (kind.get() == Kind.EXTERNAL) {
            return List.of(Page.KIND, Page.EXTERNAL_URL, Page.DETAILS, Page.TEST, Page.ACCESS, Page.REVIEW);
        }
        return List.of(Page.KIND);
    }

    /** Loads what the wizard checks against (existing provider ids). Call once when the wizard opens. */
    public CompletableFuture<List<Provider>> start() {
        return tasks.run(() -> gateway.providers().list().toList(), list -> {
            takenProviderIds.clear();
            list.forEach(p -> takenProviderIds.add(p.providerId()));
        }, e -> pageErrors.get(Page.KIND).set("Could not read the existing providers: " + message(e)));
    }

    /** Goes to the next page (on Review: creates everything). Does nothing while the page is invalid. */
    public void next() {
        if (!canGoNext.get()) {
            return;
        }
        Page current = page.get();
        switch (current) {
            case KIND -> {
                if (kind.get() == Kind.LOCAL) {
                    page.set(Page.FIND_SERVER);
                    if (scanResults.isEmpty() && !scanning.get()) {
                        scan();
                    }
                } else {
                    page.set(Page.EXTERNAL_URL);
                }
            }
            case FIND_SERVER, EXTERNAL_URL -> {
                applySuggestions();
                page.set(Page.DETAILS);
            }
            case DETAILS -> {
                if (kind.get() == Kind.LOCAL) {
                    page.set(Page.REACH);
                } else {
                    enterTest();
                }
            }
            case REACH -> enterTest();
            case TEST -> {
                page.set(Page.ACCESS);
                if (!configurationsLoaded.get() && !configurationsLoading.get()) {
                    loadConfigurations();
                }
            }
            case ACCESS -> page.set(Page.REVIEW);
            case REVIEW -> create();
            case DONE -> { }
        }
    }

    /** Goes back one page; everything typed stays. */
    public void back() {
        if (!canGoBack.get()) {
            return;
        }
        List<Page> steps = steps();
        int i = steps.indexOf(page.get());
        if (i > 0) {
            page.set(steps.get(i - 1));
        }
    }

    /** True once the user chose a kind or typed anything: closing would lose it. */
    public boolean hasInput() {
        return kind.get() != null || !baseUrl.get().isBlank() || !providerKey.get().isBlank()
                || !customHostPort.get().isBlank() || models.stream().anyMatch(ModelChoice::isManual);
    }

    /**
     * Cancel or Esc: true when the wizard may close, after asking first if anything was entered.
     * Nothing is asked once the provider exists (the Done page) or when nothing was entered.
     */
    public boolean requestCancel() {
        if (page.get() != Page.DONE && !creation.providerCreated() && hasInput() && (dialogs == null
                || !dialogs.confirm("Discard this provider?", "What you entered in the wizard will be lost.", "Discard"))) {
            return false;
        }
        cancel();
        return true;
    }

    /** Where {@link #requestCancel()} asks; without one it closes without asking. */
    public void setDialogs(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    /** Stops work in flight (a scan, a test); the window closes the wizard. */
    public void cancel() {
        scanGeneration++;
        testGeneration++;
        scanning.set(false);
    }

    private void enterTest() {
        List<String> selected = selectedModelIds.get();
        if (!selected.contains(testModel.get())) {
            testModel.set(selected.isEmpty() ? "" : selected.get(0));
        }
        page.set(Page.TEST);
    }

    public boolean isPageValid(Page p) {
        return switch (p) {
            case KIND -> kind.get() != null;
            case FIND_SERVER -> selectedServer.get() != null;
            case EXTERNAL_URL -> baseUrlValidator.isValid() && !fetchingModels.get();
            case DETAILS -> providerIdValidator.isValid() && displayNameValidator.isValid()
                    && surfacesValidator.isValid() && modelsValidator.isValid();
            case REACH -> reachBaseUrlValidator.isValid() && providerIdValidator.isValid();
            case TEST -> testOutcome.get() != TestOutcome.RUNNING;
            case ACCESS -> !configurationsLoading.get() && newConfigurationNameValidator.isValid()
                    && newAccessKeyNameValidator.isValid();
            case REVIEW -> !creating.get();
            case DONE -> true;
        };
    }

    private Observable[] pageDependencies() {
        return new Observable[] {page, kind, selectedServer, baseUrlValidator.validProperty(), fetchingModels,
                providerIdValidator.validProperty(), displayNameValidator.validProperty(),
                surfacesValidator.validProperty(), modelsValidator.validProperty(), reachBaseUrlValidator.validProperty(),
                testOutcome, configurationsLoading, newConfigurationNameValidator.validProperty(),
                newAccessKeyNameValidator.validProperty(), creating};
    }

    private Observable[] pageErrorDependencies() {
        List<Observable> deps = new ArrayList<>(pageErrors.values());
        deps.add(page);
        return deps.toArray(Observable[]::new);
    }

    private void clearError(Page p) {
        pageErrors.get(p).set("");
    }

    // ---------------------------------------------------------------- Local: find the server

    /** Scans the usual ports, plus the custom host:port when one is typed. Results arrive one by one. */
    public void scan() {
        int generation = ++scanGeneration;
        scanResults.clear();
        foundServers.clear();
        clearError(Page.FIND_SERVER);
        List<ScanTarget> targets = new ArrayList<>(new LinkedHashSet<>(targetsToScan()));
        scansPending = targets.size();
        scanning.set(true);
        scanStatus.set("Looking for model servers on " + targets.size() + (targets.size() == 1 ? " port…" : " ports…"));
        for (ScanTarget target : targets) {
            tasks.run(() -> scanner.probe(target).get(), result -> {
                if (generation == scanGeneration) {
                    onProbeResult(result);
                }
            }, e -> {
                if (generation == scanGeneration) {
                    onProbeResult(ProbeResult.nothing(target, message(e)));
                }
            });
        }
    }

    private List<ScanTarget> targetsToScan() {
        List<ScanTarget> targets = new ArrayList<>(scanner.usualTargets());
        ScanTarget.parse(customHostPort.get()).ifPresent(targets::add);
        return targets;
    }

    private void onProbeResult(ProbeResult result) {
        scanResults.add(result);
        result.discovered().ifPresent(server -> {
            foundServers.add(server);
            if (selectedServer.get() == null) {
                selectedServer.set(server);
            }
        });
        if (--scansPending <= 0) {
            scanning.set(false);
            scanStatus.set(foundServers.isEmpty() ? START_OLLAMA_HINT
                    : "Found " + foundServers.size() + (foundServers.size() == 1 ? " server." : " servers."));
        }
    }

    private void onServerSelected(DiscoveredServer server) {
        if (server == null) {
            return;
        }
        boolean tickAll = server.models().size() <= TICK_ALL_UP_TO;
        replaceListedModels(server.models(), tickAll);
    }

    // ---------------------------------------------------------------- External: URL and models

    /** Fetches the model list at {@code {baseUrl}/v1/models} with the optional key. */
    public void fetchModels() {
        if (!baseUrlValidator.isValid() || fetchingModels.get()) {
            return;
        }
        String url = baseUrl.get().strip();
        String key = providerKey.get();
        fetchingModels.set(true);
        fetchStatus.set("Fetching models from " + ModelServerClient.surfaceUrl(url, "/models") + "…");
        clearError(Page.EXTERNAL_URL);
        tasks.run(() -> servers.listModels(url, key).get(), ids -> {
            fetchingModels.set(false);
            replaceListedModels(ids, ids.size() <= TICK_ALL_UP_TO);
            fetchStatus.set(ids.isEmpty()
                    ? "The server lists no models. Type the model ids it serves below."
                    : "Found " + ids.size() + (ids.size() == 1 ? " model." : " models.")
                    + (ids.size() > TICK_ALL_UP_TO ? " Tick the ones to offer." : ""));
        }, e -> {
            fetchingModels.set(false);
            fetchStatus.set("");
            pageErrors.get(Page.EXTERNAL_URL).set("Could not fetch models: " + message(e)
                    + " Check the URL and key, or type the model ids below.");
        });
    }

    /** Adds the typed model id (ticked) to the list. */
    public void addModel() {
        if (!newModelIdValidator.isValid()) {
            return;
        }
        models.add(new ModelChoice(newModelId.get().strip(), true, true));
        newModelId.set("");
    }

    public void removeModel(ModelChoice model) {
        models.remove(model);
    }

    public void selectAllModels(boolean selected) {
        models.forEach(m -> m.setSelected(selected));
    }

    /** Replaces the models that came from a server, keeping the ones typed by hand. */
    private void replaceListedModels(List<String> ids, boolean tick) {
        List<ModelChoice> manual = models.stream().filter(ModelChoice::isManual).toList();
        List<ModelChoice> next = new ArrayList<>();
        for (String id : ids) {
            if (manual.stream().noneMatch(m -> m.modelId().equals(id))) {
                next.add(new ModelChoice(id, tick, false));
            }
        }
        next.addAll(manual);
        models.setAll(next);
    }

    // ---------------------------------------------------------------- Details: suggestions

    private record Suggestion(Object source, String providerId, String name, List<ApiSurface> surfaces) {
        static final Suggestion NONE = new Suggestion(null, "", "", List.of(ApiSurface.openAiChat()));
    }

    /**
     * Fills providerId, name and surfaces from what was found (e.g. {@code my-ollama}), but only
     * where the user has not changed the previous suggestion.
     */
    private void applySuggestions() {
        Suggestion next = suggestion();
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

    private Suggestion suggestion() {
        if (kind.get() == Kind.LOCAL && selectedServer.get() != null) {
            DiscoveredServer server = selectedServer.get();
            String id = freeId(server.kind().suggestedProviderId());
            String name = (server.target().isLoopback() ? "Local " : "") + server.kind().displayName()
                    + (server.target().isLoopback() ? "" : " at " + server.target());
            return new Suggestion(server, id, name, server.surfaces());
        }
        String url = baseUrl.get().strip();
        String host = "";
        try {
            host = Optional.ofNullable(new URI(url).getHost()).orElse("");
        } catch (Exception e) {
            // an invalid URL cannot reach this page
        }
        String id = freeId(idFromHost(host));
        return new Suggestion(url, id, host, List.of(ApiSurface.openAiChat()));
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

    // ---------------------------------------------------------------- Test

    /** Sends the test message to the chosen model straight to the server (not through the gateway). */
    public void runTest() {
        if (testOutcome.get() == TestOutcome.RUNNING || testModel.get() == null || testModel.get().isBlank()) {
            return;
        }
        String url = kind.get() == Kind.LOCAL && selectedServer.get() != null ? selectedServer.get().baseUrl() : baseUrl.get().strip();
        String key = providerKey.get();
        String model = testModel.get();
        String text = testMessage.get() == null || testMessage.get().isBlank() ? DEFAULT_TEST_MESSAGE : testMessage.get();
        int generation = ++testGeneration;
        testOutcome.set(TestOutcome.RUNNING);
        testResult.set("Sending to " + model + "…");
        tasks.run(() -> servers.testChat(url, key, model, text).get(), (ChatTestResult r) -> {
            if (generation == testGeneration) {
                testOutcome.set(TestOutcome.SUCCEEDED);
                testResult.set(r.reply() + "\n\n— " + r.model() + ", " + r.elapsed().toMillis() + " ms");
            }
        }, e -> {
            if (generation == testGeneration) {
                testOutcome.set(TestOutcome.FAILED);
                testResult.set(message(e));
            }
        });
    }

    // ---------------------------------------------------------------- Access

    public CompletableFuture<List<AccessKeyConfiguration>> loadConfigurations() {
        configurationsLoading.set(true);
        clearError(Page.ACCESS);
        return tasks.run(() -> gateway.accessKeyConfigurations().list().toList(), list -> {
            Set<String> ticked = new HashSet<>();
            configurations.stream().filter(ConfigurationChoice::isSelected).forEach(c -> ticked.add(c.configuration().id()));
            configurations.setAll(list.stream().map(ConfigurationChoice::new).toList());
            configurations.forEach(c -> c.setSelected(ticked.contains(c.configuration().id())));
            configurationsLoading.set(false);
            configurationsLoaded.set(true);
            if (list.isEmpty()) {
                createConfiguration.set(true);
            }
            suggestAccessNames();
        }, e -> {
            configurationsLoading.set(false);
            pageErrors.get(Page.ACCESS).set("Could not read the access key configurations: " + message(e));
        });
    }

    private void suggestAccessNames() {
        if (newConfigurationName.get().isBlank()) {
            newConfigurationName.set(providerId.get());
        }
        if (newAccessKeyName.get().isBlank()) {
            newAccessKeyName.set(providerId.get() + "-key");
        }
    }

    private List<ConfigurationChoice> selectedConfigurations() {
        return configurations.stream().filter(ConfigurationChoice::isSelected).toList();
    }

    // ---------------------------------------------------------------- Review and create

    /** The provider to create, from what is on the pages now. */
    public ProviderCreate createRequest() {
        return ProviderRequests.create(providerId.get(), displayName.get(), effectiveBaseUrl.get(),
                surfaces.get(), selectedModelIds.get());
    }

    private String hostedControlPlaneUrl() {
        return connection.mode() == GatewayMode.HOSTED ? connection.controlPlaneUrl() : ProviderRequests.HOSTED_CONTROL_PLANE;
    }

    private String describePlan() {
        List<String> lines = new ArrayList<>();
        String id = providerId.get();
        lines.add("Create provider " + id + " with " + selectedModelIds.get().size()
                + (selectedModelIds.get().size() == 1 ? " model." : " models."));
        boolean hasKey = !providerKey.get().isBlank();
        if (hasKey) {
            lines.add("Store the provider key as '" + PROVIDER_KEY_NAME + "' (the value is never shown again).");
        }
        for (ConfigurationChoice c : selectedConfigurations()) {
            lines.add("Let configuration " + c.name() + " call " + id + (hasKey ? ", with the key first in its routing." : "."));
        }
        if (createConfiguration.get()) {
            lines.add("Create configuration " + newConfigurationName.get().strip() + " for " + id
                    + " and access key " + newAccessKeyName.get().strip() + " (its token is shown once).");
        }
        if (selectedConfigurations().isEmpty() && !createConfiguration.get()) {
            lines.add("No configuration changes: only access keys whose configuration allows every provider can call " + id + ".");
        }
        return String.join("\n", lines);
    }

    /** What has been created so far, so that Create after a failure picks up where it stopped. */
    private static final class Creation {
        volatile Provider provider;
        volatile String providerKeyId;
        final Set<String> updatedConfigurations = new HashSet<>();
        volatile AccessKeyConfiguration newConfiguration;
        volatile AccessKey accessKey;

        boolean providerCreated() {
            return provider != null;
        }
    }

    /** A failure of one step, with the page it concerns. */
    private static final class StepFailure extends RuntimeException {
        final Page page;

        StepFailure(Page page, String message, Throwable cause) {
            super(message, cause);
            this.page = page;
        }
    }

    /** Creates the provider, its key, and the access changes, in the background; a failure returns to its page. */
    public CompletableFuture<Provider> create() {
        if (creating.get()) {
            return CompletableFuture.completedFuture(null);
        }
        ProviderCreate request = createRequest();
        String key = providerKey.get().isBlank() ? null : providerKey.get().strip();
        List<AccessKeyConfiguration> chosen = selectedConfigurations().stream().map(ConfigurationChoice::configuration).toList();
        boolean newConfig = createConfiguration.get();
        String configName = newConfigurationName.get().strip();
        String accessKeyName = newAccessKeyName.get().strip();
        List<String> modelIds = selectedModelIds.get();
        creating.set(true);
        pageErrors.values().forEach(e -> e.set(""));
        return tasks.run(() -> {
            runCreation(request, key, chosen, newConfig, configName, accessKeyName, modelIds);
            return creation.provider;
        }, provider -> {
            creating.set(false);
            createdProvider.set(provider);
            takenProviderIds.add(provider.providerId());
            AccessKey accessKey = creation.accessKey;
            createdToken.set(accessKey == null || accessKey.token() == null ? "" : accessKey.token());
            doneSummary.set(summary(provider));
            tryItCommand.set(tryIt(provider, createdToken.get()));
            page.set(Page.DONE);
        }, e -> {
            creating.set(false);
            createdProvider.set(creation.provider);
            Page target = e instanceof StepFailure f ? f.page : Page.REVIEW;
            if (e.getCause() instanceof ConflictException && !creation.providerCreated()) {
                takenProviderIds.add(request.providerId());
            }
            pageErrors.get(target).set(e.getMessage());
            page.set(target);
        });
    }

    private void runCreation(ProviderCreate request, String key, List<AccessKeyConfiguration> chosen, boolean newConfig,
                             String configName, String accessKeyName, List<String> modelIds) {
        if (creation.provider == null) {
            try {
                creation.provider = gateway.providers().create(request);
            } catch (GatewayException e) {
                throw providerFailure(e);
            }
        }
        String id = creation.provider.providerId();
        String created = id + " was created, but ";
        if (key != null && creation.providerKeyId == null) {
            try {
                creation.providerKeyId = gateway.providerKeys().create(ProviderKeyCreate.of(id, PROVIDER_KEY_NAME, key)).id();
            } catch (GatewayException e) {
                throw new StepFailure(Page.ACCESS, created + "storing its key failed: " + e.getMessage(), e);
            }
        }
        for (AccessKeyConfiguration listed : chosen) {
            if (creation.updatedConfigurations.contains(listed.id())) {
                continue;
            }
            try {
                AccessKeyConfiguration fresh = gateway.accessKeyConfigurations().get(listed.id());
                Optional<AccessKeyConfigurationUpdate> update = ProviderRequests.addProvider(fresh, id, modelIds, creation.providerKeyId);
                if (update.isPresent()) {
                    gateway.accessKeyConfigurations().update(fresh.id(), update.get());
                }
                creation.updatedConfigurations.add(listed.id());
            } catch (GatewayException e) {
                throw new StepFailure(Page.ACCESS, created + "adding it to configuration " + listed.name() + " failed: "
                        + e.getMessage() + " Press Create again to retry; the provider will not be created twice.", e);
            }
        }
        if (newConfig && creation.accessKey == null) {
            try {
                if (creation.newConfiguration == null) {
                    AccessKeyConfigurationCreate body = ProviderRequests.newConfiguration(configName, id, creation.providerKeyId);
                    creation.newConfiguration = gateway.accessKeyConfigurations().create(body);
                }
                creation.accessKey = gateway.accessKeys().create(AccessKeyCreate.of(accessKeyName, creation.newConfiguration.id()));
            } catch (GatewayException e) {
                throw new StepFailure(Page.ACCESS, created + "creating configuration " + configName + " and its key failed: "
                        + e.getMessage(), e);
            }
        }
    }

    private StepFailure providerFailure(GatewayException e) {
        if (e instanceof ConflictException) {
            return new StepFailure(Page.DETAILS, e.getMessage(), e);
        }
        if (e instanceof ValidationException v) {
            String field = v.field().orElse("");
            Page target = switch (field) {
                case "baseUrl" -> kind.get() == Kind.LOCAL ? Page.REACH : Page.EXTERNAL_URL;
                case "providerId", "name", "models", "supportedApiSurfaces" -> Page.DETAILS;
                default -> Page.REVIEW;
            };
            return new StepFailure(target, v.getMessage(), e);
        }
        return new StepFailure(Page.REVIEW, "Could not create the provider: " + e.getMessage(), e);
    }

    private String summary(Provider provider) {
        StringBuilder s = new StringBuilder("Created " + provider.providerId() + " ("
                + (provider.models() == null ? 0 : provider.models().size()) + " models) at " + provider.baseUrl() + ".");
        if (!creation.updatedConfigurations.isEmpty()) {
            s.append(" Added to ").append(creation.updatedConfigurations.size())
                    .append(creation.updatedConfigurations.size() == 1 ? " configuration." : " configurations.");
        }
        if (creation.accessKey != null) {
            s.append(" New access key ").append(creation.accessKey.name()).append(": copy its token now, it is shown only once.");
        }
        return s.toString();
    }

    private String tryIt(Provider provider, String token) {
        String model = provider.models() == null || provider.models().isEmpty() ? "MODEL" : provider.models().get(0).modelId();
        return "curl " + connection.dataPlaneUrl() + "/v1/chat/completions \\\n"
                + "  -H \"Authorization: Bearer " + (token.isEmpty() ? "$ACCESS_KEY" : token) + "\" \\\n"
                + "  -H \"Content-Type: application/json\" \\\n"
                + "  -d '{\"model\": \"" + provider.providerId() + ":" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}'";
    }

    static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private GatewayMode mode() {
        return connection.mode();
    }

    // ---------------------------------------------------------------- properties

    public GatewayMode gatewayMode() {
        return connection.mode();
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public Page getPage() {
        return page.get();
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public BooleanBinding canGoNextProperty() {
        return canGoNext;
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    public StringBinding nextLabelProperty() {
        return nextLabel;
    }

    /** The server error shown on the current page, empty when none. */
    public StringBinding errorProperty() {
        return currentError;
    }

    public ReadOnlyStringProperty pageErrorProperty(Page p) {
        return pageErrors.get(p).getReadOnlyProperty();
    }

    public ObservableList<ProbeResult> scanResults() {
        return FXCollections.unmodifiableObservableList(scanResults);
    }

    public ObservableList<DiscoveredServer> foundServers() {
        return FXCollections.unmodifiableObservableList(foundServers);
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    /** True when a finished scan found no model server: the page shows how to start one. */
    public BooleanBinding nothingFoundProperty() {
        return nothingFound;
    }

    public ReadOnlyStringProperty scanStatusProperty() {
        return scanStatus.getReadOnlyProperty();
    }

    public ObjectProperty<DiscoveredServer> selectedServerProperty() {
        return selectedServer;
    }

    public StringProperty customHostPortProperty() {
        return customHostPort;
    }

    public FieldValidator<String> customHostPortValidator() {
        return customHostPortValidator;
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public FieldValidator<String> baseUrlValidator() {
        return baseUrlValidator;
    }

    public StringProperty providerKeyProperty() {
        return providerKey;
    }

    public BooleanProperty keyVisibleProperty() {
        return keyVisible;
    }

    public ReadOnlyBooleanProperty fetchingModelsProperty() {
        return fetchingModels.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fetchStatusProperty() {
        return fetchStatus.getReadOnlyProperty();
    }

    public ObservableList<ModelChoice> models() {
        return models;
    }

    public StringProperty newModelIdProperty() {
        return newModelId;
    }

    public FieldValidator<String> newModelIdValidator() {
        return newModelIdValidator;
    }

    public FieldValidator<List<String>> modelsValidator() {
        return modelsValidator;
    }

    public ReadOnlyObjectProperty<List<String>> selectedModelIdsProperty() {
        return selectedModelIds.getReadOnlyProperty();
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

    public FieldValidator<List<ApiSurface>> surfacesValidator() {
        return surfacesValidator;
    }

    public ObservableSet<String> takenProviderIds() {
        return takenProviderIds;
    }

    public StringBinding reachBaseUrlProperty() {
        return reachBaseUrl;
    }

    public FieldValidator<String> reachBaseUrlValidator() {
        return reachBaseUrlValidator;
    }

    public StringBinding ngrokCommandProperty() {
        return ngrokCommand;
    }

    /** One line on why the base URL is what it is, for the Reach page. */
    public String reachExplanation() {
        return mode() == GatewayMode.HOSTED
                ? "The hosted gateway cannot reach this machine directly. Run the command below to expose the server "
                  + "as an ngrok internal endpoint: internal endpoints are private to your ngrok account, so only your gateway can call it."
                : "The embedded gateway runs on this machine, so it calls the server at its loopback address directly.";
    }

    public StringProperty testModelProperty() {
        return testModel;
    }

    public StringProperty testMessageProperty() {
        return testMessage;
    }

    public ReadOnlyObjectProperty<TestOutcome> testOutcomeProperty() {
        return testOutcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ObservableList<ConfigurationChoice> configurations() {
        return configurations;
    }

    public ReadOnlyBooleanProperty configurationsLoadingProperty() {
        return configurationsLoading.getReadOnlyProperty();
    }

    public BooleanProperty createConfigurationProperty() {
        return createConfiguration;
    }

    public StringProperty newConfigurationNameProperty() {
        return newConfigurationName;
    }

    public FieldValidator<String> newConfigurationNameValidator() {
        return newConfigurationNameValidator;
    }

    public StringProperty newAccessKeyNameProperty() {
        return newAccessKeyName;
    }

    public FieldValidator<String> newAccessKeyNameValidator() {
        return newAccessKeyNameValidator;
    }

    public StringBinding effectiveBaseUrlProperty() {
        return effectiveBaseUrl;
    }

    public StringBinding requestJsonProperty() {
        return requestJson;
    }

    public StringBinding curlCommandProperty() {
        return curlCommand;
    }

    public StringBinding planProperty() {
        return plan;
    }

    public ReadOnlyBooleanProperty creatingProperty() {
        return creating.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Provider> createdProviderProperty() {
        return createdProvider.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty createdTokenProperty() {
        return createdToken.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty doneSummaryProperty() {
        return doneSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tryItCommandProperty() {
        return tryItCommand.getReadOnlyProperty();
    }
}
