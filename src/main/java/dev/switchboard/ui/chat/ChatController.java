package dev.switchboard.ui.chat;

import dev.switchboard.client.Surface;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.chat.ChatTurn;
import dev.switchboard.viewmodel.chat.ChatViewModel;
import dev.switchboard.viewmodel.chat.KeyChoice;
import dev.switchboard.viewmodel.chat.ModelEntry;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import java.util.List;

/** Binds the Chat view to {@link ChatViewModel}: Enter sends, Shift+Enter is a new line, Esc stops. */
public final class ChatController {
    private final ChatViewModel viewModel;
    private AppContext context;

    @FXML private BorderPane root;
    @FXML private ComboBox<KeyChoice> keyPicker;
    @FXML private PasswordField pastedToken;
    @FXML private Button usePastedButton;
    @FXML private TextField modelField;
    @FXML private TextField modelFilter;
    @FXML private ListView<ModelEntry> modelList;
    @FXML private ChoiceBox<Surface> surfacePicker;
    @FXML private TextArea systemPrompt;
    @FXML private TextField temperature;
    @FXML private TextField maxTokens;
    @FXML private CheckBox streamingBox;
    @FXML private CheckBox compareBox;
    @FXML private ComboBox<String> compareModel;
    @FXML private SplitPane split;
    @FXML private HBox columns;
    @FXML private dev.switchboard.ui.EmptyState emptyState;
    @FXML private Button emptyAccessKeysButton;
    @FXML private Button emptySettingsButton;
    @FXML private TextArea draft;
    @FXML private Button sendButton;
    @FXML private Button stopButton;
    @FXML private Button newChatButton;
    @FXML private javafx.scene.control.Hyperlink undoNewChat;
    @FXML private javafx.scene.control.TabPane inspectorTabs;
    @FXML private Label status;
    @FXML private ToggleButton inspectorToggle;
    @FXML private VBox inspector;
    @FXML private Button copyCurlButton;
    @FXML private TextArea requestText;
    @FXML private TextArea responseText;
    @FXML private TextArea curlText;

    public ChatController(AppContext context) {
        this(ChatViewModel.of(context));
        this.context = context;
    }

    public ChatController(ChatViewModel viewModel) {
        this.viewModel = viewModel;
    }

    public ChatViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        root.setUserData(viewModel);
        root.addEventHandler(dev.switchboard.ui.diagnose.DiagnoseEvent.DIAGNOSE, e -> openDiagnose(e.model()));
        keyPicker.setItems(viewModel.keys());
        keyPicker.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(KeyChoice item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.shortLabel());
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item.shortLabel()));
            }
        });
        keyPicker.valueProperty().bindBidirectional(viewModel.keyProperty());
        pastedToken.textProperty().bindBidirectional(viewModel.pastedTokenProperty());
        usePastedButton.setOnAction(e -> viewModel.usePastedToken());
        pastedToken.setOnAction(e -> viewModel.usePastedToken());

        modelField.textProperty().bindBidirectional(viewModel.modelProperty());
        modelFilter.textProperty().bindBidirectional(viewModel.modelFilterProperty());
        modelList.setItems(viewModel.modelEntries());
        modelList.setCellFactory(list -> new ListCell<>() {
            private final dev.switchboard.ui.SegmentedLabel name = new dev.switchboard.ui.SegmentedLabel();

            {
                setPrefWidth(0);
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
                name.prefWrapLengthProperty().bind(list.widthProperty().subtract(32));
            }

            @Override
            protected void updateItem(ModelEntry item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("chat-model-heading");
                setText(null);
                setGraphic(empty || item == null ? null : name);
                if (empty || item == null) {
                    setDisable(false);
                } else if (item.header()) {
                    name.setText(item.provider());
                    getStyleClass().add("chat-model-heading");
                    setDisable(true);
                } else {
                    name.setText(item.id().startsWith(item.provider() + ":") ? item.id().substring(item.provider().length() + 1)
                            : item.id());
                    setDisable(false);
                }
            }
        });
        modelList.getSelectionModel().selectedItemProperty().addListener((o, a, entry) -> {
            if (entry != null && !entry.header()) {
                viewModel.modelProperty().set(entry.id());
            }
        });
        compareModel.getEditor().textProperty().bindBidirectional(viewModel.compareModelProperty());
        viewModel.models().addListener((ListChangeListener<dev.switchboard.api.ModelInfo>) c ->
                compareModel.getItems().setAll(viewModel.models().stream().map(dev.switchboard.api.ModelInfo::id).toList()));
        compareModel.disableProperty().bind(viewModel.compareProperty().not());

        surfacePicker.getItems().setAll(Surface.values());
        surfacePicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(Surface s) {
                return s == null ? "" : switch (s) {
                    case CHAT_COMPLETIONS -> "OpenAI Chat Completions";
                    case RESPONSES -> "OpenAI Responses";
                    case MESSAGES -> "Anthropic Messages";
                };
            }

            @Override
            public Surface fromString(String s) {
                return null;
            }
        });
        surfacePicker.valueProperty().bindBidirectional(viewModel.surfaceProperty());
        systemPrompt.textProperty().bindBidirectional(viewModel.systemPromptProperty());
        temperature.textProperty().bindBidirectional(viewModel.temperatureProperty());
        maxTokens.textProperty().bindBidirectional(viewModel.maxTokensProperty());
        streamingBox.selectedProperty().bindBidirectional(viewModel.streamingProperty());
        compareBox.selectedProperty().bindBidirectional(viewModel.compareProperty());

        ConversationView first = new ConversationView(viewModel.primary(), "A", this::inspect, viewModel::openAccessKeys,
                viewModel.inspectedProperty());
        first.setId("conversation-a");
        ConversationView second = new ConversationView(viewModel.secondary(), "B", this::inspect, viewModel::openAccessKeys,
                viewModel.inspectedProperty());
        second.setId("conversation-b");
        HBox.setHgrow(first, javafx.scene.layout.Priority.ALWAYS);
        HBox.setHgrow(second, javafx.scene.layout.Priority.ALWAYS);
        columns.getChildren().setAll(first);
        viewModel.compareProperty().addListener((o, a, on) -> columns.getChildren().setAll(on ? List.of(first, second) : List.of(first)));
        emptyState.visibleProperty().bind(Bindings.isEmpty(viewModel.keys())
                .and(Bindings.isEmpty(viewModel.primary().turns())));
        emptyState.managedProperty().bind(emptyState.visibleProperty());
        columns.visibleProperty().bind(emptyState.visibleProperty().not());
        emptyAccessKeysButton.setOnAction(e -> viewModel.openAccessKeys());
        emptySettingsButton.setOnAction(e -> viewModel.openSettings());

        draft.textProperty().bindBidirectional(viewModel.draftProperty());
        draft.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                if (e.isShiftDown()) {
                    draft.insertText(draft.getCaretPosition(), "\n");
                } else {
                    viewModel.send();
                }
            }
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && viewModel.isBusy()) {
                e.consume();
                stop();
            }
        });
        sendButton.textProperty().bind(viewModel.sendLabel());
        sendButton.setOnAction(e -> {
            viewModel.send();
            draft.requestFocus();
        });
        sendButton.disableProperty().bind(viewModel.busyBinding());
        stopButton.setFocusTraversable(false);
        stopButton.setOnAction(e -> stop());
        stopButton.disableProperty().bind(viewModel.busyBinding().not());
        viewModel.busyBinding().addListener((o, was, now) -> {
            javafx.scene.Node owner = root.getScene() == null ? null : root.getScene().getFocusOwner();
            if (!now && (owner == null || owner == stopButton || owner == sendButton)) {
                draft.requestFocus();
            }
        });
        newChatButton.setOnAction(e -> {
            viewModel.newChat();
            draft.requestFocus();
        });
        undoNewChat.visibleProperty().bind(viewModel.canUndoNewChatProperty());
        undoNewChat.setOnAction(e -> {
            viewModel.undoNewChat();
            draft.requestFocus();
        });
        status.textProperty().bind(viewModel.statusProperty());

        viewModel.inspectedProperty().addListener((o, a, turn) -> showInspected(turn));
        copyCurlButton.setOnAction(e -> {
            String curl = viewModel.copyCurl(viewModel.inspectedProperty().get());
            curlText.setText(curl);
            ClipboardContent c = new ClipboardContent();
            c.putString(curl);
            Clipboard.getSystemClipboard().setContent(c);
        });
        inspectorToggle.selectedProperty().addListener((o, a, on) -> {
            if (on && !split.getItems().contains(inspector)) {
                split.getItems().add(inspector);
                split.setDividerPositions(dividerAt);
            } else if (!on) {
                split.getItems().remove(inspector);
            }
        });
        SplitPane.setResizableWithParent(inspector, false);
        inspectorTabs.setTabMinWidth(56);
        foldInspectorWhenNarrow();
        viewModel.loadInspectorDivider(d -> {
            dividerAt = d;
            if (split.getItems().contains(inspector)) {
                split.setDividerPositions(d);
            }
        });
        watchDivider();
    }

    private double dividerAt = 0.64;
    private boolean inspectorFolded;

    /**
     * A window too narrow for the conversation (its two columns when comparing) beside the inspector folds the
     * inspector away (the toggle shows it is off, and turning it on brings it back); widening the window again, or
     * leaving compare, unfolds it.
     */
    private void foldInspectorWhenNarrow() {
        split.widthProperty().addListener((o, a, w) -> foldOrUnfoldInspector());
        viewModel.compareProperty().addListener((o, a, on) -> foldOrUnfoldInspector());
        inspectorToggle.setOnAction(e -> inspectorFolded = false);
    }

    private void foldOrUnfoldInspector() {
        double columns = viewModel.compareProperty().get() ? 2 : 1;
        double needed = (columns + 1) * inspector.getMinWidth() + 20;
        double w = split.getWidth();
        boolean narrow = w > 0 && w < needed;
        if (narrow && inspectorToggle.isSelected() && !inspectorFolded) {
            inspectorFolded = true;
            inspectorToggle.setSelected(false);
        } else if (!narrow && inspectorFolded) {
            inspectorFolded = false;
            inspectorToggle.setSelected(true);
        }
    }

    /** Remembers where the user dragged the inspector's divider to. */
    private void watchDivider() {
        split.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (split.getItems().contains(inspector) && split.getDividers().size() == 1
                    && e.getTarget() instanceof javafx.scene.Node n && (n.getStyleClass().contains("split-pane-divider")
                    || n.getParent() != null && n.getParent().getStyleClass().contains("split-pane-divider"))) {
                dividerAt = split.getDividerPositions()[0];
                viewModel.rememberInspectorDivider(dividerAt);
            }
        });
    }

    /** Stops every stream and leaves the cursor in the composer, so the next keystroke goes there. */
    private void stop() {
        viewModel.stop();
        draft.requestFocus();
    }

    private void inspect(ChatTurn turn) {
        viewModel.inspectedProperty().set(turn);
    }

    private void showInspected(ChatTurn turn) {
        requestText.textProperty().unbind();
        responseText.textProperty().unbind();
        if (turn == null) {
            requestText.setText("");
            responseText.setText("");
            curlText.setText("");
            return;
        }
        requestText.textProperty().bind(turn.requestJsonProperty());
        responseText.textProperty().bind(Bindings.createStringBinding(() -> {
            String raw = turn.responseTextProperty().get();
            return raw.isEmpty() && turn.state() == ChatTurn.State.STREAMING ? "(streaming…)" : raw;
        }, turn.responseTextProperty(), turn.stateProperty()));
        curlText.setText(viewModel.curlFor(turn));
    }

    /** "Diagnose…" on a failed reply: the reply's model, the key and surface it was sent with. */
    private void openDiagnose(String model) {
        if (context != null) {
            KeyChoice k = viewModel.keyProperty().get();
            dev.switchboard.ui.diagnose.DiagnoseWindow.open(root.getScene().getWindow(), context,
                    new dev.switchboard.viewmodel.diagnose.DiagnoseTarget(model, k == null ? null : k.accessKeyId(),
                            k == null ? null : k.token(), viewModel.surfaceProperty().get()));
        }
    }
}
