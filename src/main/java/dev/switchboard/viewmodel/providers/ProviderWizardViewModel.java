package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.client.ConflictException;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.DialogService;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Add-provider wizard: sequences its pages, each with its own view-model — Kind → (Local:
 * {@link FindServerStep} | External: {@link ExternalUrlStep}) → {@link DetailsStep} → {@link ReachStep}
 * (Local only) → {@link TestStep} → {@link AccessStep} → {@link ReviewStep} → Done. Going Back keeps
 * everything typed; Cancel and Esc ask first when anything was entered.
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

    private final GatewayClient gateway;
    private final GatewayConnection connection;
    private final BackgroundTasks tasks;
    private DialogService dialogs;

    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(this, "page", Page.KIND);
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind");
    private final StringProperty providerKey = new SimpleStringProperty(this, "providerKey", "");
    private final ModelList models = new ModelList();
    private final Map<Page, WizardStep> steps = new EnumMap<>(Page.class);
    private final FindServerStep findServer;
    private final ExternalUrlStep externalUrl;
    private final DetailsStep details;
    private final ReachStep reach;
    private final TestStep test;
    private final AccessStep access;
    private final ReviewStep review;
    private final StringBinding effectiveBaseUrl;

    private final ProviderCreation creation;
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper(this, "creating", false);
    private final ReadOnlyObjectWrapper<Provider> createdProvider = new ReadOnlyObjectWrapper<>(this, "createdProvider");
    private final ReadOnlyStringWrapper createdToken = new ReadOnlyStringWrapper(this, "createdToken", "");
    private final ReadOnlyStringWrapper doneSummary = new ReadOnlyStringWrapper(this, "doneSummary", "");
    private final ReadOnlyStringWrapper tryItCommand = new ReadOnlyStringWrapper(this, "tryItCommand", "");

    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;
    private final StringBinding nextLabel;
    private final StringBinding currentError;

    /** @param servers the model-server client, asked for only inside background tasks */
    public ProviderWizardViewModel(GatewayConnection connection, BackgroundTasks tasks, LocalServerScanner scanner,
                                   Supplier<ModelServerClient> servers) {
        this.gateway = connection.client();
        this.connection = connection;
        this.tasks = tasks;
        this.creation = new ProviderCreation(gateway);
        findServer = new FindServerStep(tasks, scanner, models);
        externalUrl = new ExternalUrlStep(tasks, servers, models, providerKey, connection::mode);
        details = new DetailsStep(models);
        reach = new ReachStep(findServer.selectedServerProperty(), details.providerIdProperty(), details.providerIdValidator(),
                connection::mode);
        test = new TestStep(tasks, servers, this::serverUrl, providerKey, models);
        access = new AccessStep(gateway, tasks, details.providerIdProperty(), providerKey);
        effectiveBaseUrl = Bindings.createStringBinding(() -> isLocal() ? reach.baseUrlProperty().get()
                : externalUrl.baseUrlProperty().get().strip(), kind, reach.baseUrlProperty(), externalUrl.baseUrlProperty());
        review = new ReviewStep(this::createRequest, this::hostedRequest, this::isLocal, reach.ngrokCommandProperty(),
                this::hostedControlPlaneUrl, details, models, access, providerKey,
                details.providerIdProperty(), details.displayNameProperty(), effectiveBaseUrl, details.surfacesProperty(),
                models.selectedIdsProperty(), kind);
        steps.put(Page.KIND, new WizardStep() {
            @Override
            public boolean isValid() {
                return kind.get() != null;
            }
        });
        steps.put(Page.FIND_SERVER, findServer);
        steps.put(Page.EXTERNAL_URL, externalUrl);
        steps.put(Page.DETAILS, details);
        steps.put(Page.REACH, reach);
        steps.put(Page.TEST, test);
        steps.put(Page.ACCESS, access);
        steps.put(Page.REVIEW, review);
        steps.put(Page.DONE, new WizardStep() {
            @Override
            public boolean isValid() {
                return true;
            }
        });

        canGoNext = Bindings.createBooleanBinding(() -> isPageValid(page.get()) && !creating.get(), validityInputs());
        canGoBack = Bindings.createBooleanBinding(() -> page.get() != Page.KIND && page.get() != Page.DONE && !creating.get(),
                page, creating);
        nextLabel = Bindings.createStringBinding(() -> switch (page.get()) {
            case TEST -> test.outcomeProperty().get() == TestStep.Outcome.SUCCEEDED ? "Next" : "Skip";
            case REVIEW -> creation.providerCreated() ? "Finish" : "Create";
            case DONE -> "Close";
            default -> "Next";
        }, page, test.outcomeProperty(), createdProvider);
        List<Observable> errorInputs = new ArrayList<>(steps.values().stream().map(WizardStep::errorProperty).toList());
        errorInputs.add(page);
        currentError = Bindings.createStringBinding(() -> steps.get(page.get()).errorProperty().get(),
                errorInputs.toArray(Observable[]::new));
    }

    private Observable[] validityInputs() {
        return new Observable[] {page, kind, findServer.selectedServerProperty(), externalUrl.baseUrlValidator().validProperty(),
                externalUrl.fetchingModelsProperty(), details.providerIdValidator().validProperty(),
                details.displayNameValidator().validProperty(), details.surfacesValidator().validProperty(),
                models.validator().validProperty(), reach.baseUrlValidator().validProperty(), test.outcomeProperty(),
                access.loadingProperty(), access.newConfigurationNameValidator().validProperty(),
                access.newAccessKeyNameValidator().validProperty(), creating};
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
            details.takenProviderIds().clear();
            list.forEach(p -> details.takenProviderIds().add(p.providerId()));
        }, e -> steps.get(Page.KIND).showError("Could not read the existing providers: " + message(e)));
    }

    /** Goes to the next page (on Review: creates everything). Does nothing while the page is invalid. */
    public void next() {
        if (!canGoNext.get()) {
            return;
        }
        switch (page.get()) {
            case KIND -> {
                if (isLocal()) {
                    page.set(Page.FIND_SERVER);
                    if (findServer.scanResults().isEmpty() && !findServer.scanningProperty().get()) {
                        findServer.scan();
                    }
                } else {
                    page.set(Page.EXTERNAL_URL);
                }
            }
            case FIND_SERVER -> {
                details.suggestFrom(findServer.selectedServerProperty().get());
                page.set(Page.DETAILS);
            }
            case EXTERNAL_URL -> {
                details.suggestFrom(externalUrl.baseUrlProperty().get().strip());
                page.set(Page.DETAILS);
            }
            case DETAILS -> {
                if (isLocal()) {
                    page.set(Page.REACH);
                } else {
                    enterTest();
                }
            }
            case REACH -> enterTest();
            case TEST -> {
                page.set(Page.ACCESS);
                access.enter();
            }
            case ACCESS -> page.set(Page.REVIEW);
            case REVIEW -> create();
            case DONE -> { }
        }
    }

    private void enterTest() {
        test.enter();
        page.set(Page.TEST);
    }

    /** Goes back one page; everything typed stays. */
    public void back() {
        if (!canGoBack.get()) {
            return;
        }
        List<Page> path = steps();
        int i = path.indexOf(page.get());
        if (i > 0) {
            page.set(path.get(i - 1));
        }
    }

    /** True once the user chose a kind or typed anything: closing would lose it. */
    public boolean hasInput() {
        return kind.get() != null || !externalUrl.baseUrlProperty().get().isBlank() || !providerKey.get().isBlank()
                || !findServer.customHostPortProperty().get().isBlank() || models.hasTyped();
    }

    /**
     * Cancel or Esc: true when the wizard may close, after asking first if anything was entered.
     * Nothing is asked once the provider exists (the Done page) or when nothing was entered.
     */
    public boolean requestCancel() {
        if (page.get() != Page.DONE && !creation.providerCreated() && hasInput() && (dialogs == null
                || !dialogs.confirmDestructive("Discard this provider?", "What you entered in the wizard will be lost.", "Discard"))) {
            return false;
        }
        cancel();
        return true;
    }

    /** Where {@link #requestCancel()} asks; without one it closes without asking. */
    public void setDialogs(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    /** Stops work in flight (a scan, a test); the view closes the wizard. */
    public void cancel() {
        findServer.cancel();
        test.cancel();
    }

    public boolean isPageValid(Page p) {
        return p == Page.REVIEW ? !creating.get() : steps.get(p).isValid();
    }

    // ---------------------------------------------------------------- create

    /** The provider to create, from what is on the pages now. */
    public ProviderCreate createRequest() {
        return ProviderRequests.create(details.providerIdProperty().get(), details.displayNameProperty().get(),
                effectiveBaseUrl.get(), details.surfacesProperty().get(), models.selectedIds());
    }

    /** The same provider as the hosted gateway would be given it: a local server at its {@code .internal} URL. */
    private ProviderCreate hostedRequest() {
        String id = details.providerIdProperty().get();
        return isLocal() ? ProviderRequests.create(id, details.displayNameProperty().get(), ProviderRequests.internalUrl(id),
                details.surfacesProperty().get(), models.selectedIds()) : createRequest();
    }

    /** Creates the provider, its key, and the access changes, in the background; a failure returns to its page. */
    public CompletableFuture<Provider> create() {
        if (creating.get()) {
            return CompletableFuture.completedFuture(null);
        }
        ProviderCreation.Plan plan = new ProviderCreation.Plan(createRequest(),
                providerKey.get().isBlank() ? null : providerKey.get().strip(),
                access.selected().stream().map(ConfigurationChoice::configuration).toList(),
                access.createConfigurationProperty().get(), access.newConfigurationNameProperty().get().strip(),
                access.newAccessKeyNameProperty().get().strip(), models.selectedIds(), isLocal());
        creating.set(true);
        steps.values().forEach(WizardStep::clearError);
        return tasks.run(() -> creation.run(plan), provider -> {
            creating.set(false);
            createdProvider.set(provider);
            details.takenProviderIds().add(provider.providerId());
            createdToken.set(creation.token());
            doneSummary.set(creation.summary());
            tryItCommand.set(creation.tryIt(connection.dataPlaneUrl()));
            page.set(Page.DONE);
        }, e -> {
            creating.set(false);
            createdProvider.set(creation.provider());
            Page target = e instanceof ProviderCreation.StepFailure f ? f.page : Page.REVIEW;
            if (e.getCause() instanceof ConflictException && !creation.providerCreated()) {
                details.takenProviderIds().add(plan.request().providerId());
            }
            steps.get(target).showError(e.getMessage());
            page.set(target);
        });
    }

    static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private boolean isLocal() {
        return kind.get() == Kind.LOCAL;
    }

    private String serverUrl() {
        return isLocal() && findServer.selectedServerProperty().get() != null
                ? findServer.selectedServerProperty().get().baseUrl() : externalUrl.baseUrlProperty().get().strip();
    }

    private String hostedControlPlaneUrl() {
        return connection.mode() == GatewayMode.HOSTED ? connection.controlPlaneUrl() : ProviderRequests.HOSTED_CONTROL_PLANE;
    }

    // ---------------------------------------------------------------- the pages and the frame's state

    public FindServerStep findServer() {
        return findServer;
    }

    public ExternalUrlStep externalUrl() {
        return externalUrl;
    }

    public ModelList models() {
        return models;
    }

    public DetailsStep details() {
        return details;
    }

    public ReachStep reach() {
        return reach;
    }

    public TestStep test() {
        return test;
    }

    public AccessStep access() {
        return access;
    }

    public ReviewStep review() {
        return review;
    }

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

    /** The provider key (optional): typed on the External page, or on Find the server when the server wants one. */
    public StringProperty providerKeyProperty() {
        return providerKey;
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
        return steps.get(p).errorProperty();
    }

    public StringBinding effectiveBaseUrlProperty() {
        return effectiveBaseUrl;
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
