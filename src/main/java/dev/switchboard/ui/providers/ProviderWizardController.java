package dev.switchboard.ui.providers;

import dev.switchboard.discovery.ProbeResult;
import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.viewmodel.providers.ConfigurationChoice;
import dev.switchboard.viewmodel.providers.ModelChoice;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Kind;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Page;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.TestOutcome;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.validation.FieldValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Binds the wizard's frame and its pages ({@code wizard/*.fxml}, all loaded with this one
 * controller) to {@link ProviderWizardViewModel}. Enter is Next; Esc is Cancel, which asks first when
 * anything was entered.
 */
public final class ProviderWizardController {
    private static final Map<Page, String> PAGE_FILES = Map.of(
            Page.KIND, "wizard/KindPage.fxml",
            Page.FIND_SERVER, "wizard/FindServerPage.fxml",
            Page.EXTERNAL_URL, "wizard/ExternalUrlPage.fxml",
            Page.DETAILS, "wizard/DetailsPage.fxml",
            Page.REACH, "wizard/ReachPage.fxml",
            Page.TEST, "wizard/TestPage.fxml",
            Page.ACCESS, "wizard/AccessPage.fxml",
            Page.REVIEW, "wizard/ReviewPage.fxml",
            Page.DONE, "wizard/DonePage.fxml");

    private final ProviderWizardViewModel vm;
    private final Map<Page, Parent> pages = new EnumMap<>(Page.class);
    private Runnable close = () -> { };

    // frame
    @FXML private Parent root;
    @FXML private HBox stepsBox;
    @FXML private ScrollPane scroll;
    @FXML private StackPane pageHolder;
    @FXML private Label errorLabel;
    @FXML private Button cancelButton;
    @FXML private Button backButton;
    @FXML private Button nextButton;
    // kind
    @FXML private ToggleButton localCard;
    @FXML private ToggleButton externalCard;
    @FXML private Label localTitle;
    @FXML private Label externalTitle;
    // find the server
    @FXML private ProgressIndicator scanProgress;
    @FXML private Button rescanButton;
    @FXML private Label scanStatusLabel;
    @FXML private ListView<ProbeResult> scanList;
    @FXML private Label customHostLabel;
    @FXML private TextField customHostField;
    @FXML private Button scanCustomButton;
    @FXML private Label customHostMessage;
    @FXML private VBox serverKeyBox;
    @FXML private Label serverKeyLabel;
    @FXML private PasswordField serverKeyField;
    @FXML private ListView<ModelChoice> foundModelsList;
    // external URL
    @FXML private Label baseUrlLabel;
    @FXML private TextField baseUrlField;
    @FXML private Label baseUrlMessage;
    @FXML private Label baseUrlHelp;
    @FXML private Label keyLabel;
    @FXML private PasswordField keyField;
    @FXML private TextField keyTextField;
    @FXML private ToggleButton showKeyButton;
    @FXML private Button fetchButton;
    @FXML private ProgressIndicator fetchProgress;
    @FXML private Label fetchStatusLabel;
    @FXML private ListView<ModelChoice> externalModelsList;
    @FXML private TextField externalNewModelField;
    @FXML private Button externalAddModelButton;
    @FXML private Label externalNewModelMessage;
    // details
    @FXML private Label providerIdLabel;
    @FXML private TextField providerIdField;
    @FXML private Label providerIdMessage;
    @FXML private Label nameLabel;
    @FXML private TextField nameField;
    @FXML private Label nameMessage;
    @FXML private CheckBox chatCheck;
    @FXML private CheckBox responsesCheck;
    @FXML private CheckBox messagesCheck;
    @FXML private Label surfacesMessage;
    @FXML private ListView<ModelChoice> detailsModelsList;
    @FXML private TextField detailsNewModelField;
    @FXML private Button detailsAddModelButton;
    @FXML private Label detailsNewModelMessage;
    @FXML private Label modelsMessage;
    // reach
    @FXML private Label reachModeLabel;
    @FXML private Label reachExplanationLabel;
    @FXML private VBox hostedBox;
    @FXML private TextField ngrokField;
    @FXML private Button copyNgrokButton;
    @FXML private TextField reachBaseUrlField;
    @FXML private Label reachMessage;
    // test
    @FXML private Label testModelLabel;
    @FXML private ComboBox<String> testModelBox;
    @FXML private Label testMessageLabel;
    @FXML private TextField testMessageField;
    @FXML private Button testButton;
    @FXML private ProgressIndicator testProgress;
    @FXML private TextArea testResultArea;
    // access
    @FXML private ProgressIndicator configurationsProgress;
    @FXML private ListView<ConfigurationChoice> configurationsList;
    @FXML private Label routingNote;
    @FXML private CheckBox createConfigCheck;
    @FXML private VBox newConfigBox;
    @FXML private Label newConfigNameLabel;
    @FXML private TextField newConfigNameField;
    @FXML private Label newConfigNameMessage;
    @FXML private Label newKeyNameLabel;
    @FXML private TextField newKeyNameField;
    @FXML private Label newKeyNameMessage;
    // review
    @FXML private ProgressIndicator createProgress;
    @FXML private Label planLabel;
    @FXML private TextArea jsonArea;
    @FXML private Button copyCurlButton;
    @FXML private TextArea curlArea;
    // done
    @FXML private Label doneSummaryLabel;
    @FXML private VBox tokenBox;
    @FXML private TextField tokenField;
    @FXML private Button copyTokenButton;
    @FXML private Button copyTryItButton;
    @FXML private TextArea tryItArea;

    private ProviderWizardController(ProviderWizardViewModel vm) {
        this.vm = vm;
    }

    /** Loads the frame and every page, bound to {@code vm}. */
    public static ProviderWizardController load(ProviderWizardViewModel vm) {
        ProviderWizardController c = new ProviderWizardController(vm);
        c.root = c.loadFxml("ProviderWizard.fxml");
        PAGE_FILES.forEach((page, file) -> c.pages.put(page, c.loadFxml(file)));
        c.bind();
        return c;
    }

    public Parent root() {
        return root;
    }

    public Parent page(Page page) {
        return pages.get(page);
    }

    /** What Cancel and Close do; by default nothing (when the wizard is embedded, not in its own window). */
    public void setOnClose(Runnable close) {
        this.close = close;
    }

    private Parent loadFxml(String file) {
        FXMLLoader loader = new FXMLLoader(ProviderWizardController.class.getResource(file));
        loader.setController(this);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load " + file, e);
        }
    }

    private void bind() {
        root.setUserData(vm);
        bindFrame();
        bindKind();
        bindFindServer();
        bindExternalUrl();
        bindDetails();
        bindReach();
        bindTest();
        bindAccess();
        bindReview();
        bindDone();
        showPage(vm.getPage());
    }

    private void bindFrame() {
        vm.pageProperty().addListener((o, a, page) -> showPage(page));
        vm.kindProperty().addListener((o, a, b) -> rebuildSteps());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(Bindings.isNotEmpty(vm.errorProperty()));
        errorLabel.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        backButton.disableProperty().bind(vm.canGoBackProperty().not());
        nextButton.disableProperty().bind(vm.canGoNextProperty().not());
        nextButton.textProperty().bind(Bindings.concat("_", vm.nextLabelProperty()));
        nextButton.getStyleClass().add("accent");
        nextButton.setOnAction(e -> {
            if (vm.getPage() == Page.DONE) {
                close.run();
            } else {
                vm.next();
            }
        });
        backButton.setOnAction(e -> vm.back());
        cancelButton.setOnAction(e -> cancel());
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                cancel();
            }
        });
        showWhen(cancelButton, vm.pageProperty().isNotEqualTo(Page.DONE));
        showWhen(backButton, vm.pageProperty().isNotEqualTo(Page.DONE));
    }

    /** Esc and Cancel: closes at once when nothing was entered, else asks first. */
    private void cancel() {
        if (vm.requestCancel()) {
            close.run();
        }
    }

    private void showPage(Page page) {
        pageHolder.getChildren().setAll(pages.get(page));
        scroll.setVvalue(0);
        rebuildSteps();
        Platform.runLater(() -> firstField(page).ifPresent(Node::requestFocus));
    }

    private java.util.Optional<Node> firstField(Page page) {
        Node n = switch (page) {
            case KIND -> vm.kindProperty().get() == Kind.EXTERNAL ? externalCard : localCard;
            case FIND_SERVER -> scanList;
            case EXTERNAL_URL -> baseUrlField;
            case DETAILS -> providerIdField;
            case REACH -> nextButton;
            case TEST -> testButton;
            case ACCESS -> configurationsList;
            case REVIEW, DONE -> nextButton;
        };
        return java.util.Optional.ofNullable(n);
    }

    private void rebuildSteps() {
        List<Page> steps = vm.steps();
        int current = steps.indexOf(vm.getPage());
        stepsBox.getChildren().clear();
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                Label sep = new Label("›");
                sep.getStyleClass().add("wizard-step-separator");
                stepsBox.getChildren().add(sep);
            }
            Label step = new Label((i + 1) + " " + steps.get(i).title());
            step.getStyleClass().add("wizard-step");
            if (i == current) {
                step.getStyleClass().add("current");
            } else if (i < current || vm.getPage() == Page.DONE) {
                step.getStyleClass().add("done");
            }
            stepsBox.getChildren().add(step);
        }
        if (vm.kindProperty().get() == null) {
            Label more = new Label("› …");
            more.getStyleClass().add("wizard-step-separator");
            stepsBox.getChildren().add(more);
        }
    }

    private void bindKind() {
        ToggleGroup group = new ToggleGroup();
        localCard.setToggleGroup(group);
        externalCard.setToggleGroup(group);
        localTitle.setLabelFor(localCard);
        externalTitle.setLabelFor(externalCard);
        Runnable fromVm = () -> {
            Kind k = vm.kindProperty().get();
            localCard.setSelected(k == Kind.LOCAL);
            externalCard.setSelected(k == Kind.EXTERNAL);
        };
        vm.kindProperty().addListener((o, a, b) -> fromVm.run());
        fromVm.run();
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == localCard) {
                vm.kindProperty().set(Kind.LOCAL);
            } else if (b == externalCard) {
                vm.kindProperty().set(Kind.EXTERNAL);
            } else {
                fromVm.run();
            }
        });
        for (ToggleButton card : List.of(localCard, externalCard)) {
            // A focused toggle would take Enter for itself: on the cards, Enter picks the card and goes Next.
            card.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ENTER) {
                    card.setSelected(true);
                    vm.next();
                    e.consume();
                }
            });
            card.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                    vm.next();
                }
            });
        }
    }

    private void bindFindServer() {
        scanProgress.visibleProperty().bind(vm.scanningProperty());
        rescanButton.disableProperty().bind(vm.scanningProperty());
        rescanButton.setGraphic(new FontIcon(Feather.REFRESH_CW));
        rescanButton.setOnAction(e -> vm.scan());
        scanStatusLabel.textProperty().bind(vm.scanStatusProperty());
        FontIcon warning = new FontIcon(Feather.ALERT_TRIANGLE);
        vm.nothingFoundProperty().addListener((o, a, none) -> {
            scanStatusLabel.getStyleClass().remove("scan-warning");
            if (none) {
                scanStatusLabel.getStyleClass().add("scan-warning");
            }
            scanStatusLabel.setGraphic(none ? warning : null);
        });
        scanList.setItems(vm.scanResults());
        scanList.setCellFactory(list -> new ProbeResultCell());
        scanList.setPlaceholder(new Label("Scanning…"));
        scanList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.isFound()) {
                vm.selectedServerProperty().set(b.server());
            }
        });
        vm.selectedServerProperty().addListener((o, a, server) -> selectScanRow());
        vm.scanResults().addListener((javafx.collections.ListChangeListener<ProbeResult>) c -> selectScanRow());
        customHostLabel.setLabelFor(customHostField);
        customHostField.textProperty().bindBidirectional(vm.customHostPortProperty());
        FieldDecorations.decorate(customHostField, customHostMessage, vm.customHostPortValidator());
        scanCustomButton.disableProperty().bind(vm.scanningProperty()
                .or(vm.customHostPortValidator().validProperty().not())
                .or(Bindings.createBooleanBinding(() -> vm.customHostPortProperty().get().isBlank(), vm.customHostPortProperty())));
        scanCustomButton.setOnAction(e -> vm.scan());
        customHostField.setOnAction(e -> {
            if (!scanCustomButton.isDisabled()) {
                vm.scan();
            }
            e.consume();
        });
        showWhen(serverKeyBox, Bindings.createBooleanBinding(() -> vm.selectedServerProperty().get() != null
                && vm.selectedServerProperty().get().requiresKey(), vm.selectedServerProperty()));
        serverKeyLabel.setLabelFor(serverKeyField);
        serverKeyField.textProperty().bindBidirectional(vm.providerKeyProperty());
        modelList(foundModelsList, "No models yet: pick a server above.");
    }

    private void selectScanRow() {
        var server = vm.selectedServerProperty().get();
        if (server == null) {
            return;
        }
        for (ProbeResult r : scanList.getItems()) {
            if (r.isFound() && r.server().equals(server)) {
                if (scanList.getSelectionModel().getSelectedItem() != r) {
                    scanList.getSelectionModel().select(r);
                }
                return;
            }
        }
    }

    /** A scan result: a found server (selectable) or a port with the reason nothing is there. */
    private static final class ProbeResultCell extends ListCell<ProbeResult> {
        @Override
        protected void updateItem(ProbeResult item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("scan-row-found", "scan-row-missing");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setDisable(false);
                return;
            }
            if (item.isFound()) {
                setText(item.server().summary());
                setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
                getStyleClass().add("scan-row-found");
                setDisable(false);
            } else {
                setText(item.problem());
                setGraphic(new FontIcon(Feather.MINUS_CIRCLE));
                getStyleClass().add("scan-row-missing");
                setDisable(true);
            }
        }
    }

    private void bindExternalUrl() {
        baseUrlLabel.setLabelFor(baseUrlField);
        baseUrlField.textProperty().bindBidirectional(vm.baseUrlProperty());
        FieldDecorations.decorate(baseUrlField, baseUrlMessage, vm.baseUrlValidator());
        showWhen(baseUrlHelp, vm.baseUrlValidator().validProperty());
        keyLabel.setLabelFor(keyField);
        keyField.textProperty().bindBidirectional(vm.providerKeyProperty());
        keyTextField.textProperty().bindBidirectional(vm.providerKeyProperty());
        showWhen(keyTextField, vm.keyVisibleProperty());
        showWhen(keyField, vm.keyVisibleProperty().not());
        showKeyButton.selectedProperty().bindBidirectional(vm.keyVisibleProperty());
        showKeyButton.textProperty().bind(Bindings.when(vm.keyVisibleProperty()).then("Hid_e").otherwise("Sho_w"));
        showKeyButton.graphicProperty().bind(Bindings.when(vm.keyVisibleProperty())
                .then((Node) new FontIcon(Feather.EYE_OFF)).otherwise((Node) new FontIcon(Feather.EYE)));
        fetchButton.setGraphic(new FontIcon(Feather.DOWNLOAD_CLOUD));
        fetchButton.disableProperty().bind(vm.baseUrlValidator().validProperty().not().or(vm.fetchingModelsProperty()));
        fetchButton.setOnAction(e -> vm.fetchModels());
        fetchProgress.visibleProperty().bind(vm.fetchingModelsProperty());
        fetchStatusLabel.textProperty().bind(vm.fetchStatusProperty());
        modelList(externalModelsList, "No models yet: press Fetch models, or type model ids below.");
        newModelRow(externalNewModelField, externalAddModelButton, externalNewModelMessage);
    }

    private void bindDetails() {
        providerIdLabel.setLabelFor(providerIdField);
        providerIdField.textProperty().bindBidirectional(vm.providerIdProperty());
        providerIdField.disableProperty().bind(vm.createdProviderProperty().isNotNull());
        FieldDecorations.decorate(providerIdField, providerIdMessage, vm.providerIdValidator());
        nameLabel.setLabelFor(nameField);
        nameField.textProperty().bindBidirectional(vm.displayNameProperty());
        FieldDecorations.decorate(nameField, nameMessage, vm.displayNameValidator());
        chatCheck.selectedProperty().bindBidirectional(vm.chatCompletionsProperty());
        responsesCheck.selectedProperty().bindBidirectional(vm.responsesProperty());
        messagesCheck.selectedProperty().bindBidirectional(vm.messagesProperty());
        FieldDecorations.decorate(chatCheck, surfacesMessage, vm.surfacesValidator());
        modelList(detailsModelsList, "No models: type a model id below and press Add model.");
        FieldDecorations.decorate(detailsModelsList, modelsMessage, vm.modelsValidator());
        newModelRow(detailsNewModelField, detailsAddModelButton, detailsNewModelMessage);
    }

    private void bindReach() {
        boolean hosted = vm.gatewayMode() == GatewayMode.HOSTED;
        reachModeLabel.setText(hosted ? "The console drives the hosted gateway" : "The console drives the embedded gateway");
        reachExplanationLabel.setText(vm.reachExplanation());
        hostedBox.setVisible(hosted);
        hostedBox.setManaged(hosted);
        ngrokField.textProperty().bind(vm.ngrokCommandProperty());
        copyNgrokButton.setGraphic(new FontIcon(Feather.COPY));
        copyNgrokButton.setOnAction(e -> copy(vm.ngrokCommandProperty().get()));
        reachBaseUrlField.textProperty().bind(vm.reachBaseUrlProperty());
        FieldDecorations.decorate(reachBaseUrlField, reachMessage, vm.reachBaseUrlValidator());
    }

    private void bindTest() {
        ObservableList<String> choices = FXCollections.observableArrayList(vm.selectedModelIdsProperty().get());
        vm.selectedModelIdsProperty().addListener((o, a, b) -> choices.setAll(b));
        testModelBox.setItems(choices);
        testModelBox.valueProperty().bindBidirectional(vm.testModelProperty());
        testModelLabel.setLabelFor(testModelBox);
        testMessageLabel.setLabelFor(testMessageField);
        testMessageField.textProperty().bindBidirectional(vm.testMessageProperty());
        testMessageField.setOnAction(e -> {
            vm.runTest();
            e.consume();
        });
        testButton.setGraphic(new FontIcon(Feather.SEND));
        testButton.disableProperty().bind(vm.testOutcomeProperty().isEqualTo(TestOutcome.RUNNING));
        testButton.setOnAction(e -> vm.runTest());
        testProgress.visibleProperty().bind(vm.testOutcomeProperty().isEqualTo(TestOutcome.RUNNING));
        testResultArea.textProperty().bind(vm.testResultProperty());
        testResultArea.setPromptText("The reply, or the exact error, shows here.");
        vm.testOutcomeProperty().addListener((o, a, outcome) -> {
            testResultArea.getStyleClass().removeAll("test-reply", "test-error");
            if (outcome == TestOutcome.SUCCEEDED) {
                testResultArea.getStyleClass().add("test-reply");
            } else if (outcome == TestOutcome.FAILED) {
                testResultArea.getStyleClass().add("test-error");
            }
        });
    }

    private void bindAccess() {
        configurationsProgress.visibleProperty().bind(vm.configurationsLoadingProperty());
        configurationsList.setItems(vm.configurations());
        configurationsList.setCellFactory(CheckBoxListCell.forListView(ConfigurationChoice::selectedProperty,
                converter(c -> c.name() + "  ·  " + c.note())));
        configurationsList.setPlaceholder(new Label("No access key configurations yet."));
        routingNote.textProperty().bind(Bindings.createStringBinding(() -> vm.providerKeyProperty().get().isBlank() ? ""
                : "The provider key will be stored once and put first in " + vm.providerIdProperty().get()
                  + "'s routing in every configuration ticked here.", vm.providerKeyProperty(), vm.providerIdProperty()));
        showWhen(routingNote, Bindings.isNotEmpty(routingNote.textProperty()));
        createConfigCheck.selectedProperty().bindBidirectional(vm.createConfigurationProperty());
        showWhen(newConfigBox, vm.createConfigurationProperty());
        newConfigNameLabel.setLabelFor(newConfigNameField);
        newConfigNameField.textProperty().bindBidirectional(vm.newConfigurationNameProperty());
        FieldDecorations.decorate(newConfigNameField, newConfigNameMessage, vm.newConfigurationNameValidator());
        newKeyNameLabel.setLabelFor(newKeyNameField);
        newKeyNameField.textProperty().bindBidirectional(vm.newAccessKeyNameProperty());
        FieldDecorations.decorate(newKeyNameField, newKeyNameMessage, vm.newAccessKeyNameValidator());
    }

    private void bindReview() {
        createProgress.visibleProperty().bind(vm.creatingProperty());
        planLabel.textProperty().bind(vm.planProperty());
        jsonArea.textProperty().bind(vm.requestJsonProperty());
        curlArea.textProperty().bind(vm.curlCommandProperty());
        copyCurlButton.setGraphic(new FontIcon(Feather.COPY));
        copyCurlButton.setOnAction(e -> copy(vm.curlCommandProperty().get()));
    }

    private void bindDone() {
        doneSummaryLabel.textProperty().bind(vm.doneSummaryProperty());
        showWhen(tokenBox, Bindings.isNotEmpty(vm.createdTokenProperty()));
        tokenField.textProperty().bind(vm.createdTokenProperty());
        copyTokenButton.setGraphic(new FontIcon(Feather.COPY));
        copyTokenButton.setOnAction(e -> copy(vm.createdTokenProperty().get()));
        copyTryItButton.setGraphic(new FontIcon(Feather.COPY));
        copyTryItButton.setOnAction(e -> copy(vm.tryItCommandProperty().get()));
        tryItArea.textProperty().bind(vm.tryItCommandProperty());
    }

    private void modelList(ListView<ModelChoice> list, String placeholder) {
        list.setItems(vm.models());
        list.setCellFactory(CheckBoxListCell.forListView(ModelChoice::selectedProperty,
                converter(m -> m.modelId() + (m.isManual() ? "  (typed)" : ""))));
        Label empty = new Label(placeholder);
        empty.getStyleClass().add("muted");
        list.setPlaceholder(empty);
    }

    /** A "type a model id, press Add" row; the message shows only once something is typed. */
    private void newModelRow(TextField field, Button add, Label message) {
        field.textProperty().bindBidirectional(vm.newModelIdProperty());
        FieldValidator<String> validator = vm.newModelIdValidator();
        StringProperty text = field.textProperty();
        message.getStyleClass().add("error-text");
        message.textProperty().bind(Bindings.createStringBinding(() -> text.get() == null || text.get().isBlank()
                ? "" : validator.getMessage(), text, validator.messageProperty()));
        showWhen(message, Bindings.isNotEmpty(message.textProperty()));
        add.setGraphic(new FontIcon(Feather.PLUS));
        add.disableProperty().bind(validator.validProperty().not());
        add.setOnAction(e -> vm.addModel());
        field.setOnAction((ActionEvent e) -> {
            vm.addModel();
            e.consume();
        });
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : toText.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static void showWhen(Node node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
