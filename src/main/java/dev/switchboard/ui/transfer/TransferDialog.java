package dev.switchboard.ui.transfer;

import dev.switchboard.transfer.Change;
import dev.switchboard.viewmodel.accesskeys.LineDiff;
import dev.switchboard.viewmodel.transfer.InternalUrlInput;
import dev.switchboard.viewmodel.transfer.SecretInput;
import dev.switchboard.viewmodel.transfer.TransferViewModel;
import dev.switchboard.viewmodel.transfer.TransferViewModel.Phase;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The window shared by Import… and "Copy to another gateway…": the mode's inputs on top, then the plan as
 * a list of changes beside the selected change's line diff (with the key values and internal URLs the plan
 * needs), applying with progress, and a summary with the ngrok commands to copy. Binds only.
 */
final class TransferDialog {
    static final String STYLESHEET = "/dev/switchboard/ui/transfer/transfer.css";

    private final Stage stage = new Stage();
    private final TransferViewModel vm;
    private final VBox inputs = new VBox(6);

    TransferDialog(Window owner, String title, String subtitle, Node modeInputs, TransferViewModel vm,
                   Runnable onClose) {
        this.vm = vm;
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(title);
        Label heading = new Label(title);
        heading.getStyleClass().add("section-title");
        Label sub = new Label(subtitle);
        sub.getStyleClass().add("section-subtitle");
        sub.setWrapText(true);
        modeInputs.disableProperty().bind(vm.phaseProperty().isEqualTo(Phase.WORKING)
                .or(vm.phaseProperty().isEqualTo(Phase.APPLYING)));
        VBox top = new VBox(4, heading, sub, modeInputs);
        top.getStyleClass().add("transfer-top");

        StackPane center = new StackPane(placeholder(), review(), done());
        center.getStyleClass().add("transfer-center");
        BorderPane root = new BorderPane(center, top, null, footer(onClose), null);
        root.setId("transfer-dialog");
        root.getStyleClass().add("transfer-dialog");
        Scene scene = new Scene(root, 1000, 700);
        scene.getStylesheets().add(Objects.requireNonNull(TransferDialog.class.getResource(STYLESHEET))
                .toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(520);
        stage.setOnHidden(e -> onClose.run());
        stage.setOnCloseRequest(e -> {
            if (vm.phaseProperty().get() == Phase.APPLYING) {
                e.consume();
            }
        });
    }

    Stage stage() {
        return stage;
    }

    void show() {
        stage.show();
    }

    private Node placeholder() {
        Label waiting = new Label();
        waiting.textProperty().bind(Bindings.when(vm.phaseProperty().isEqualTo(Phase.WORKING))
                .then("Reading…").otherwise("The plan appears here before anything is written."));
        waiting.getStyleClass().add("transfer-placeholder");
        showIn(waiting, Phase.INPUT, Phase.WORKING);
        return waiting;
    }

    private Node review() {
        Label summary = new Label();
        summary.setId("plan-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.textProperty().bind(vm.planSummaryProperty());
        CheckBox prune = new CheckBox("Also _delete what is not in the plan's source (prune)");
        prune.setId("prune");
        prune.setMnemonicParsing(true);
        prune.setWrapText(true);
        prune.setMinHeight(Region.USE_PREF_SIZE);
        prune.selectedProperty().bindBidirectional(vm.pruneProperty());

        ListView<Change> changes = new ListView<>(vm.changes());
        changes.setId("plan-changes");
        changes.setCellFactory(list -> new ChangeCell());
        changes.setPlaceholder(new Label("Nothing to change."));
        changes.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (n != null) {
                vm.selectedProperty().set(n);
            }
        });
        vm.selectedProperty().addListener((obs, o, n) -> changes.getSelectionModel().select(n));
        VBox.setVgrow(changes, Priority.ALWAYS);

        vm.missingSecrets().addListener((ListChangeListener<SecretInput>) c -> rebuildInputs());
        vm.localProviders().addListener((ListChangeListener<InternalUrlInput>) c -> rebuildInputs());
        vm.notes().addListener((ListChangeListener<String>) c -> rebuildInputs());
        ScrollPane inputScroll = new ScrollPane(inputs);
        inputScroll.setFitToWidth(true);
        inputScroll.setPrefViewportHeight(190);
        inputScroll.setMinViewportHeight(120);
        inputScroll.getStyleClass().add("transfer-inputs");
        inputScroll.visibleProperty().bind(Bindings.isNotEmpty(inputs.getChildren()));
        inputScroll.managedProperty().bind(inputScroll.visibleProperty());
        VBox left = new VBox(8, summary, prune, changes, inputScroll);
        left.setPadding(new Insets(0, 8, 0, 0));

        Label diffTitle = new Label();
        diffTitle.getStyleClass().add("diff-title");
        diffTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? "Select a change to see it line by line." : capitalized(vm.selectedProperty().get().describe()),
                vm.selectedProperty()));
        ListView<LineDiff.Line> diff = new ListView<>(vm.diff());
        diff.setId("plan-diff");
        dev.switchboard.ui.DiffLineCell.install(diff);
        VBox.setVgrow(diff, Priority.ALWAYS);
        VBox right = new VBox(8, diffTitle, diff);
        right.setPadding(new Insets(0, 0, 0, 8));

        SplitPane split = new SplitPane(left, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.42);
        showIn(split, Phase.REVIEW, Phase.APPLYING);
        split.disableProperty().bind(vm.phaseProperty().isEqualTo(Phase.APPLYING));
        return split;
    }

    private void rebuildInputs() {
        inputs.getChildren().clear();
        if (!vm.localProviders().isEmpty()) {
            inputs.getChildren().add(sectionLabel("Local providers: the other gateway reaches them through an"
                    + " ngrok internal endpoint"));
            for (InternalUrlInput p : vm.localProviders()) {
                TextField url = new TextField();
                url.setId("internal-url-" + p.providerId());
                url.textProperty().bindBidirectional(p.internalUrlProperty());
                url.setPromptText("empty: copy " + p.localUrl() + " as it is");
                inputs.getChildren().addAll(wrapped(p.providerId() + " · now " + p.localUrl()), url,
                        fieldError(p.errorProperty()));
            }
        }
        if (!vm.missingSecrets().isEmpty()) {
            inputs.getChildren().add(sectionLabel("Provider keys without a value: type one to create the key now"));
            for (SecretInput s : vm.missingSecrets()) {
                PasswordField value = new PasswordField();
                value.setId("secret-" + s.label().replace('/', '-'));
                value.setPromptText("its value (never shown or logged)");
                value.textProperty().bindBidirectional(s.valueProperty());
                inputs.getChildren().addAll(wrapped(s.label()), value);
            }
        }
        for (String note : vm.notes()) {
            Label l = wrapped(note);
            l.getStyleClass().add("transfer-note");
            inputs.getChildren().add(l);
        }
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private Node done() {
        TextArea summary = new TextArea();
        summary.setId("transfer-summary");
        summary.setEditable(false);
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        VBox.setVgrow(summary, Priority.ALWAYS);
        Label commandsTitle = sectionLabel("Run these on this machine so the other gateway reaches your local"
                + " model servers:");
        TextArea commands = new TextArea();
        commands.setId("ngrok-commands");
        commands.setEditable(false);
        commands.setPrefRowCount(3);
        commands.getStyleClass().add("ngrok-commands");
        commands.textProperty().bind(vm.ngrokCommandsProperty());
        Button copy = new Button("_Copy commands");
        copy.setId("copy-commands");
        copy.setMnemonicParsing(true);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.ngrokCommandsProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        VBox commandBox = new VBox(6, commandsTitle, commands, copy);
        commandBox.visibleProperty().bind(vm.ngrokCommandsProperty().isNotEmpty());
        commandBox.managedProperty().bind(commandBox.visibleProperty());
        VBox box = new VBox(10, sectionLabel("Summary"), summary, commandBox);
        showIn(box, Phase.DONE);
        return box;
    }

    private Node footer(Runnable onClose) {
        ProgressBar progress = new ProgressBar();
        progress.setId("transfer-progress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(Bindings.when(vm.phaseProperty().isEqualTo(Phase.WORKING))
                .then(-1.0).otherwise(vm.progressProperty()));
        progress.visibleProperty().bind(vm.phaseProperty().isEqualTo(Phase.WORKING)
                .or(vm.phaseProperty().isEqualTo(Phase.APPLYING)));
        progress.managedProperty().bind(progress.visibleProperty());
        Label status = new Label();
        status.setId("transfer-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("transfer-status");
        vm.failedProperty().addListener((obs, o, n) -> status.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("error"), n));
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        Button close = new Button("Close");
        close.setId("transfer-close");
        close.setCancelButton(true);
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.disableProperty().bind(vm.phaseProperty().isEqualTo(Phase.APPLYING));
        close.setOnAction(e -> stage.close());
        Button apply = new Button();
        apply.setId("transfer-apply");
        apply.setDefaultButton(true);
        apply.setMinWidth(Region.USE_PREF_SIZE);
        apply.textProperty().bind(Bindings.createStringBinding(() -> "Apply " + vm.changes().size() + " change"
                + (vm.changes().size() == 1 ? "" : "s"), vm.changes()));
        apply.disableProperty().bind(vm.canApplyProperty().not());
        apply.visibleProperty().bind(vm.phaseProperty().isNotEqualTo(Phase.DONE));
        apply.managedProperty().bind(apply.visibleProperty());
        apply.setOnAction(e -> vm.apply());
        HBox footer = new HBox(10, progress, status, new Region(), close, apply);
        footer.getStyleClass().add("transfer-footer");
        footer.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return footer;
    }

    private void showIn(Node node, Phase... phases) {
        node.visibleProperty().bind(Bindings.createBooleanBinding(() -> java.util.List.of(phases)
                .contains(vm.phaseProperty().get()), vm.phaseProperty()));
    }

    private static Label sectionLabel(String text) {
        Label l = wrapped(text);
        l.getStyleClass().add("transfer-section");
        return l;
    }

    static Label fieldError(javafx.beans.value.ObservableValue<String> message) {
        Label l = new Label();
        l.getStyleClass().add("field-error");
        l.textProperty().bind(message);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code + create provider my-ollama}, coloured by what happens. */
    private static final class ChangeCell extends ListCell<Change> {
        @Override
        protected void updateItem(Change c, boolean empty) {
            super.updateItem(c, empty);
            getStyleClass().removeAll("change-create", "change-update", "change-delete");
            if (empty || c == null) {
                setText(null);
                return;
            }
            String sign = switch (c.action()) {
                case CREATE -> "+";
                case UPDATE -> "~";
                case DELETE -> "−";
                case UNCHANGED -> "=";
            };
            setText(sign + "  " + c.describe());
            getStyleClass().add("change-" + c.action().name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
