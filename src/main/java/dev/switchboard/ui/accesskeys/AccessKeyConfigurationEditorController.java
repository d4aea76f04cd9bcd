package dev.switchboard.ui.accesskeys;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.viewmodel.accesskeys.AccessKeyConfigurationEditorViewModel;
import dev.switchboard.viewmodel.accesskeys.AllowlistNode;
import dev.switchboard.viewmodel.accesskeys.LineDiff;
import dev.switchboard.viewmodel.accesskeys.RouteKeyDraft;
import dev.switchboard.viewmodel.accesskeys.RouteRuleDraft;
import dev.switchboard.viewmodel.accesskeys.RouteStepDraft;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckTreeView;
import org.controlsfx.control.ToggleSwitch;

/** Binds the configuration editor's controls to its view-model; the tree mirrors the model's tick states. */
public class AccessKeyConfigurationEditorController {
    @FXML private TextField nameField;
    @FXML private Label nameError;
    @FXML private TextField descriptionField;
    @FXML private Label descriptionError;
    @FXML private TabPane sections;
    @FXML private ToggleSwitch allProvidersSwitch;
    @FXML private ToggleSwitch allModelsSwitch;
    @FXML private TextField filterField;
    @FXML private Label allowlistHint;
    @FXML private CheckTreeView<AllowlistNode> allowTree;
    @FXML private VBox warningsBox;
    @FXML private ListView<RouteRuleDraft> rulesList;
    @FXML private ComboBox<String> ruleTargetBox;
    @FXML private Button addRuleButton;
    @FXML private Button removeRuleButton;
    @FXML private Label stepNote;
    @FXML private ListView<RouteKeyDraft> keysList;
    @FXML private Button keyUpButton;
    @FXML private Button keyDownButton;
    @FXML private Button removeKeyButton;
    @FXML private ComboBox<ProviderKey> existingKeyBox;
    @FXML private Button addExistingKeyButton;
    @FXML private TextField newKeyName;
    @FXML private PasswordField newKeyValue;
    @FXML private Button addNewKeyButton;
    @FXML private Label routingMessage;
    @FXML private Label previewTitle;
    @FXML private TextArea previewArea;
    @FXML private ListView<LineDiff.Line> diffList;
    @FXML private ComboBox<AccessKey> effectiveKeyBox;
    @FXML private Button clearEffectiveKeyButton;
    @FXML private Label effectiveSummary;
    @FXML private ListView<AccessKeyConfigurationEditorViewModel.EffectiveModel> effectiveList;
    @FXML private VBox problemsBox;
    @FXML private Label dirtyLabel;
    @FXML private Button revertButton;
    @FXML private Button saveButton;

    private AccessKeyConfigurationEditorViewModel vm;
    private final ObservableList<RouteKeyDraft> noKeys = FXCollections.observableArrayList();
    private AllowlistTree tree;

    @FXML
    private void initialize() {
        rulesList.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(RouteRuleDraft rule, boolean empty) {
                super.updateItem(rule, empty);
                setText(empty || rule == null ? null : rule.label());
            }
        });
        keysList.setCellFactory(lv -> new KeyCell());
        dev.switchboard.ui.DiffLineCell.install(diffList);
        effectiveList.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(AccessKeyConfigurationEditorViewModel.EffectiveModel m, boolean empty) {
                super.updateItem(m, empty);
                if (empty || m == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label ref = new Label(m.ref());
                ref.getStyleClass().add("effective-ref");
                Label via = new Label(m.credentials());
                via.getStyleClass().add("hint");
                setText(null);
                setGraphic(new javafx.scene.layout.HBox(16, ref, via));
            }
        });
        existingKeyBox.setConverter(converter(k -> k.name() + "  " + (k.keyRedacted() == null ? "" : k.keyRedacted())));
        effectiveKeyBox.setConverter(converter(k -> k.name() + "  " + (k.keyRedacted() == null ? "" : k.keyRedacted())));
    }

    /** Connects the controls to an editor; call once. */
    public void bind(AccessKeyConfigurationEditorViewModel editor, Runnable save, Runnable revert) {
        this.vm = editor;
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        descriptionField.textProperty().bindBidirectional(vm.descriptionProperty());
        nameError.textProperty().bind(vm.nameErrorProperty());
        descriptionError.textProperty().bind(vm.descriptionErrorProperty());
        for (Label l : List.of(nameError, descriptionError, stepNote, routingMessage)) {
            l.managedProperty().bind(l.textProperty().isNotEmpty());
            l.visibleProperty().bind(l.managedProperty());
        }

        allProvidersSwitch.selectedProperty().bindBidirectional(vm.allowlist().allProvidersProperty());
        allModelsSwitch.selectedProperty().bindBidirectional(vm.allowlist().allModelsProperty());
        tree = new AllowlistTree(allowTree, vm.allowlist(), filterField);
        vm.allowlist().changesProperty().addListener((o, a, b) -> {
            allowlistHint.setText(vm.allowlist().hint());
        });
        allowlistHint.setText(vm.allowlist().hint());
        vm.warnings().addListener((ListChangeListener<String>) c -> showMessages(warningsBox, vm.warnings(), "warning"));
        vm.problems().addListener((ListChangeListener<String>) c -> showMessages(problemsBox, vm.problems(), "problem"));
        showMessages(warningsBox, vm.warnings(), "warning");

        rulesList.setItems(vm.routing().rules());
        ruleTargetBox.setItems(vm.ruleTargets());
        addRuleButton.disableProperty().bind(ruleTargetBox.valueProperty().isNull());
        addRuleButton.setOnAction(e -> {
            RouteRuleDraft rule = vm.addRule(ruleTargetBox.getValue());
            ruleTargetBox.setValue(null);
            rulesList.getSelectionModel().select(rule);
        });
        removeRuleButton.disableProperty().bind(rulesList.getSelectionModel().selectedItemProperty().isNull());
        removeRuleButton.setOnAction(e -> vm.routing().remove(rulesList.getSelectionModel().getSelectedItem()));
        rulesList.getSelectionModel().selectedItemProperty().addListener((o, a, rule) -> showRule(rule));
        vm.routing().changesProperty().addListener((o, a, b) -> refreshExistingKeys());
        showRule(null);

        keyUpButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> keysList.getSelectionModel().getSelectedIndex() <= 0, keysList.getSelectionModel().selectedIndexProperty()));
        keyDownButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> keysList.getSelectionModel().getSelectedIndex() < 0
                        || keysList.getSelectionModel().getSelectedIndex() >= keysList.getItems().size() - 1,
                keysList.getSelectionModel().selectedIndexProperty(), keysList.itemsProperty()));
        removeKeyButton.disableProperty().bind(keysList.getSelectionModel().selectedItemProperty().isNull());
        keyUpButton.setOnAction(e -> moveSelectedKey(-1));
        keyDownButton.setOnAction(e -> moveSelectedKey(1));
        removeKeyButton.setOnAction(e -> keysList.getItems().remove(keysList.getSelectionModel().getSelectedIndex()));
        addExistingKeyButton.disableProperty().bind(existingKeyBox.valueProperty().isNull());
        addExistingKeyButton.setOnAction(e -> {
            vm.routing().addExisting(selectedRule(), existingKeyBox.getValue());
            existingKeyBox.setValue(null);
        });
        addNewKeyButton.setOnAction(e -> {
            var problem = vm.routing().addNew(selectedRule(), newKeyName.getText(), newKeyValue.getText());
            routingMessage.setText(problem.orElse(""));
            if (problem.isEmpty()) {
                newKeyName.clear();
                newKeyValue.clear();
            }
        });

        previewTitle.textProperty().bind(Bindings.createStringBinding(
                () -> vm.savedProperty().get() == null ? "POST /access-key-configurations"
                        : "PATCH /access-key-configurations/" + vm.savedProperty().get().id(), vm.savedProperty()));
        previewArea.textProperty().bind(vm.previewProperty());
        vm.diffProperty().addListener((o, a, lines) -> showDiff(lines));
        showDiff(vm.diffProperty().get());

        effectiveKeyBox.setItems(vm.accessKeys());
        effectiveKeyBox.valueProperty().bindBidirectional(vm.effectiveKeyProperty());
        clearEffectiveKeyButton.setOnAction(e -> vm.effectiveKeyProperty().set(null));
        effectiveSummary.textProperty().bind(vm.effectiveSummaryProperty());
        effectiveList.setItems(vm.effectiveModels());

        dirtyLabel.textProperty().bind(Bindings.when(vm.dirtyProperty()).then("Unsaved changes").otherwise(""));
        saveButton.disableProperty().bind(vm.canSaveProperty().not());
        revertButton.disableProperty().bind(vm.dirtyProperty().not());
        saveButton.setOnAction(e -> save.run());
        revertButton.setOnAction(e -> revert.run());
    }

    private void showDiff(List<LineDiff.Line> lines) {
        diffList.getItems().setAll(lines);
        int firstChange = 0;
        while (firstChange < lines.size() && lines.get(firstChange).kind() == LineDiff.Kind.SAME) {
            firstChange++;
        }
        if (firstChange < lines.size()) {
            diffList.scrollTo(Math.max(0, firstChange - 3));
        }
    }

    private RouteRuleDraft selectedRule() {
        return rulesList.getSelectionModel().getSelectedItem();
    }

    private void showRule(RouteRuleDraft rule) {
        boolean none = rule == null;
        keysList.setItems(none ? noKeys : rule.firstStep().keys());
        stepNote.setText(vm.stepNote(rule));
        existingKeyBox.setDisable(none);
        newKeyName.setDisable(none);
        newKeyValue.setDisable(none);
        addNewKeyButton.setDisable(none);
        routingMessage.setText("");
        refreshExistingKeys();
    }

    private void refreshExistingKeys() {
        RouteRuleDraft rule = selectedRule();
        List<ProviderKey> offer = rule == null || !vm.routing().rules().contains(rule) ? List.of() : vm.routing().keysToAdd(rule);
        if (!offer.equals(existingKeyBox.getItems())) {
            existingKeyBox.getItems().setAll(offer);
        }
        if (rule != null && !vm.routing().rules().contains(rule)) {
            rulesList.getSelectionModel().clearSelection();
        }
        keysList.refresh();
    }

    private void moveSelectedKey(int delta) {
        int from = keysList.getSelectionModel().getSelectedIndex();
        RouteStepDraft step = selectedRule().firstStep();
        step.move(from, from + delta);
        keysList.getSelectionModel().clearAndSelect(Math.max(0, Math.min(step.keys().size() - 1, from + delta)));
    }

    private static void showMessages(VBox box, List<String> messages, String styleClass) {
        box.getChildren().setAll(messages.stream().map(m -> {
            Label l = new Label(m);
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            l.getStyleClass().add(styleClass);
            return l;
        }).toList());
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private final class KeyCell extends ListCell<RouteKeyDraft> {
        KeyCell() {
            setOnDragDetected(e -> {
                if (getItem() == null) {
                    return;
                }
                Dragboard db = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent content = new ClipboardContent();
                content.putString(Integer.toString(getIndex()));
                db.setContent(content);
                e.consume();
            });
            setOnDragOver(e -> {
                if (e.getGestureSource() instanceof KeyCell && e.getDragboard().hasString()) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragDropped(e -> {
                int from = Integer.parseInt(e.getDragboard().getString());
                int to = getItem() == null ? getListView().getItems().size() - 1 : getIndex();
                selectedRule().firstStep().move(from, to);
                getListView().getSelectionModel().clearAndSelect(to);
                e.setDropCompleted(true);
                e.consume();
            });
        }

        @Override
        protected void updateItem(RouteKeyDraft key, boolean empty) {
            super.updateItem(key, empty);
            setText(empty || key == null ? null : (getIndex() + 1) + ". " + vm.routing().label(key));
        }
    }
}
