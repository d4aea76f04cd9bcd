package dev.switchboard.viewmodel.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ChatMessage;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.ModelInfo;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.Surface;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.KeptTokens;
import dev.switchboard.viewmodel.KeyPlaceholders;
import dev.switchboard.viewmodel.Navigator;
import dev.switchboard.viewmodel.NotificationService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Chat page: who is calling (a kept or pasted access-key token), which {@code provider:model}
 * (from {@code /v1/models} for that key, or typed by hand), which surface, the conversation settings,
 * and one conversation (two side by side when comparing). All I/O is off the UI thread; streamed
 * text reaches the turns in batches, at most one per UI frame.
 */
public class ChatViewModel {
    public static final String ACCESS_KEYS_PAGE = "access-keys";

    private final Supplier<GatewayClient> client;
    private final Navigator navigator;
    private final ChatCaller caller;
    private final ChatMemory memory;
    private final BackgroundTasks tasks;
    private final ObjectProperty<Surface> surface = new SimpleObjectProperty<>(this, "surface", Surface.CHAT_COMPLETIONS);
    private final StringProperty systemPrompt = new SimpleStringProperty(this, "systemPrompt", "");
    private final StringProperty temperature = new SimpleStringProperty(this, "temperature", "");
    private final StringProperty maxTokens = new SimpleStringProperty(this, "maxTokens", "1024");
    private final BooleanProperty streaming = new SimpleBooleanProperty(this, "streaming", true);
    private final BooleanProperty compare = new SimpleBooleanProperty(this, "compare", false);
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<ChatTurn> inspected = new SimpleObjectProperty<>(this, "inspected");
    private final ReadOnlyStringWrapper lastCurl = new ReadOnlyStringWrapper(this, "lastCurl", "");
    private final ReadOnlyBooleanWrapper canUndoNewChat = new ReadOnlyBooleanWrapper(this, "canUndoNewChat");
    private final ChatColumn primary;
    private final ChatColumn secondary;
    private final BooleanBinding busy;
    private NotificationService notifications = (kind, message) -> { };
    private List<ChatTurn> clearedPrimary = List.of();
    private List<ChatTurn> clearedSecondary = List.of();
    private String lastSentText;

    public ChatViewModel(Supplier<GatewayClient> client, BackgroundTasks tasks, KeptTokens keptTokens,
                         Navigator navigator, Executor ui) {
        this(client, tasks, keptTokens, ChatMemory.inMemory(), navigator, ui, ui);
    }

    /**
     * @param ui     where state changes run (the FX thread)
     * @param frames where streamed text is handed over: once per frame on the FX thread ({@link FrameExecutor})
     */
    public ChatViewModel(Supplier<GatewayClient> client, BackgroundTasks tasks, KeptTokens keptTokens, ChatMemory memory,
                         Navigator navigator, Executor ui, Executor frames) {
        this.client = Objects.requireNonNull(client);
        this.navigator = Objects.requireNonNull(navigator);
        this.memory = Objects.requireNonNull(memory);
        this.tasks = Objects.requireNonNull(tasks);
        this.primary = new ChatColumn(ui, frames, p -> caller().baseUrlOf(p));
        this.secondary = new ChatColumn(ui, frames, p -> caller().baseUrlOf(p));
        this.caller = new ChatCaller(client, tasks, keptTokens, memory, ui, primary.modelProperty(), status::set);
        primary.setOnFailed(this::restoreDraft);
        secondary.setOnFailed(this::restoreDraft);
        this.busy = primary.busyProperty().or(secondary.busyProperty());
    }

    private ChatCaller caller() {
        return caller;
    }

    /** The page's view-model over the app's active connection; streamed text is handed to the FX thread once per frame. */
    public static ChatViewModel of(AppContext context) {
        Supplier<GatewayClient> client = () -> {
            GatewayConnection connection = context.connections().current();
            if (connection == null) {
                throw new IllegalStateException("Not connected to a gateway yet. Check Settings.");
            }
            return connection.client();
        };
        ChatViewModel vm = new ChatViewModel(client, context.tasks(), KeptTokens.of(context.dataFolder()),
                new ChatMemory(context.dataFolder()), context.navigator(), Platform::runLater, new FrameExecutor());
        vm.setNotifications(context.notifications());
        context.connections().whenGatewayChanged(vm::forgetGateway);
        context.connections().stateProperty().addListener((o, a, state) -> {
            if (state != null && state.phase() == ConnectionState.Phase.READY) {
                vm.refresh();
            }
        });
        if (context.connections().current() != null) {
            vm.refresh();
        }
        return vm;
    }

    public void setNotifications(NotificationService notifications) {
        this.notifications = Objects.requireNonNull(notifications);
    }

    // ---- who is calling, which model ----

    /** Reloads the kept tokens (and the models of the picked key). */
    public void refresh() {
        caller.refresh();
    }

    /** Uses the pasted token for this session only (it is never written anywhere). */
    public void usePastedToken() {
        caller.usePastedToken();
    }

    /** Loads {@code /v1/models} for the picked key. */
    public void loadModels() {
        caller.loadModels();
    }

    // ---- the request ----

    /** The request body for {@code surface}, in that surface's own shape. */
    public static ObjectNode buildBody(Surface surface, String model, String system, List<ChatMessage> conversation,
                                       Double temperature, Integer maxTokens, boolean stream) {
        ChatRequest.Builder b = ChatRequest.builder(model).messages(conversation);
        if (system != null && !system.isBlank()) {
            b.system(system);
        }
        if (temperature != null) {
            b.temperature(temperature);
        }
        if (maxTokens != null) {
            b.maxTokens(maxTokens);
        }
        return surface.render(b.build(), stream);
    }

    /** Sends the draft (to both models when comparing). Returns false, with a status, when it cannot. */
    public boolean send() {
        String text = draft.get() == null ? "" : draft.get().strip();
        if (text.isEmpty() || isBusy()) {
            return false;
        }
        KeyChoice k = caller.keyProperty().get();
        if (k == null) {
            status.set("Pick an access key (or paste a token) first.");
            return false;
        }
        String m1 = trimmed(primary.modelProperty().get());
        String m2 = trimmed(secondary.modelProperty().get());
        if (m1.isEmpty() || (compare.get() && m2.isEmpty())) {
            status.set(compare.get() ? "Pick two models to compare." : "Pick a model, or type provider:model.");
            return false;
        }
        Double t;
        Integer max;
        try {
            t = SamplingSettings.temperature(temperature.get());
            max = SamplingSettings.maxTokens(maxTokens.get());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return false;
        }
        GatewayClient c;
        try {
            c = client.get();
        } catch (RuntimeException e) {
            status.set(e.getMessage());
            return false;
        }
        lastSentText = text;
        draft.set("");
        status.set("");
        forgetUndo();
        caller.remember(k, m1);
        send(primary, c, k, m1, text, t, max);
        if (compare.get()) {
            send(secondary, c, k, m2, text, t, max);
        }
        return true;
    }

    private void send(ChatColumn column, GatewayClient c, KeyChoice k, String model, String text, Double t, Integer max) {
        List<ChatMessage> conversation = new ArrayList<>(column.history());
        conversation.add(ChatMessage.user(text));
        ObjectNode body = buildBody(surface.get(), model, systemPrompt.get(), conversation, t, max, streaming.get());
        lastCurl.set(CurlCommand.of(c.dataPlaneUrl().toString(), surface.get(), body));
        column.modelProperty().set(model);
        ChatTurn reply = column.send(c, k.token(), surface.get(), body, streaming.get(), text);
        if (column == primary) {
            inspected.set(reply);
        }
    }

    private void restoreDraft() {
        if ((draft.get() == null || draft.get().isBlank()) && lastSentText != null) {
            draft.set(lastSentText);
        }
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.strip();
    }

    /** Stops every running call. */
    public void stop() {
        primary.stop();
        secondary.stop();
    }

    /**
     * A new conversation: stops what runs and clears both columns (settings stay). What was cleared can be
     * brought back with {@link #undoNewChat()} until the next message is sent.
     */
    public void newChat() {
        boolean hadTurns = !primary.turns().isEmpty() || !secondary.turns().isEmpty();
        stop();
        if (hadTurns) {
            clearedPrimary = List.copyOf(primary.turns());
            clearedSecondary = List.copyOf(secondary.turns());
        }
        primary.clear();
        secondary.clear();
        inspected.set(null);
        canUndoNewChat.set(hadTurns);
        status.set(hadTurns ? "Started a new chat." : "");
    }

    /** After a switch to another gateway: stops what runs and drops the conversation, its error, undo and pasted token. */
    public void forgetGateway() {
        stop();
        primary.clear();
        secondary.clear();
        inspected.set(null);
        forgetUndo();
        secondary.modelProperty().set("");
        caller.forgetGateway();
        status.set("");
    }

    /** Brings back the conversation that New chat cleared. */
    public void undoNewChat() {
        if (!canUndoNewChat.get()) {
            return;
        }
        primary.restore(clearedPrimary);
        secondary.restore(clearedSecondary);
        for (ChatTurn t : clearedPrimary) {
            if (t.role() != ChatTurn.Role.USER) {
                inspected.set(t);
            }
        }
        forgetUndo();
        status.set("");
    }

    private void forgetUndo() {
        clearedPrimary = List.of();
        clearedSecondary = List.of();
        canUndoNewChat.set(false);
    }

    public ReadOnlyBooleanProperty canUndoNewChatProperty() {
        return canUndoNewChat.getReadOnlyProperty();
    }

    /** The curl command for {@code turn}, once copied: says so in a toast. */
    public String copyCurl(ChatTurn turn) {
        String curl = curlFor(turn);
        if (!curl.isEmpty()) {
            notifications.success("Copied the curl command. The token is left to " + KeyPlaceholders.ACCESS_TOKEN + ".");
        }
        return curl;
    }

    /** Remembers where the inspector's divider was (off the UI thread). */
    public void rememberInspectorDivider(double position) {
        tasks.run(() -> {
            memory.rememberInspectorDivider(position);
            return null;
        }, v -> { }, e -> { });
    }

    /** Reads the inspector divider's saved position; {@code apply} runs on the UI thread. */
    public void loadInspectorDivider(java.util.function.DoubleConsumer apply) {
        tasks.run(() -> memory.inspectorDivider().orElse(-1.0), d -> {
            if (d > 0) {
                apply.accept(d);
            }
        }, e -> { });
    }

    /** Opens the Access keys page (for a 3803 refusal). */
    public void openAccessKeys() {
        navigator.show(ACCESS_KEYS_PAGE);
    }

    /** Opens Settings (from the empty state). */
    public void openSettings() {
        navigator.show("settings");
    }

    /** The curl command for the inspected reply's request (token as {@link KeyPlaceholders#ACCESS_TOKEN}). */
    public String curlFor(ChatTurn turn) {
        if (turn == null || turn.requestJsonProperty().get().isEmpty()) {
            return lastCurl.get();
        }
        try {
            ObjectNode body = (ObjectNode) dev.switchboard.api.Json.mapper().readTree(turn.requestJsonProperty().get());
            Surface sent = turn.surface() != null ? turn.surface() : surface.get();
            return CurlCommand.of(client.get().dataPlaneUrl().toString(), sent, body);
        } catch (Exception e) {
            return lastCurl.get();
        }
    }

    // ---- properties ----

    public ObservableList<KeyChoice> keys() {
        return caller.keys();
    }

    public ObjectProperty<KeyChoice> keyProperty() {
        return caller.keyProperty();
    }

    public StringProperty pastedTokenProperty() {
        return caller.pastedTokenProperty();
    }

    public ObservableList<ModelInfo> models() {
        return caller.models();
    }

    public ObservableList<ModelEntry> modelEntries() {
        return caller.modelEntries();
    }

    public StringProperty modelFilterProperty() {
        return caller.modelFilterProperty();
    }

    public StringProperty modelProperty() {
        return primary.modelProperty();
    }

    public StringProperty compareModelProperty() {
        return secondary.modelProperty();
    }

    public ObjectProperty<Surface> surfaceProperty() {
        return surface;
    }

    public StringProperty systemPromptProperty() {
        return systemPrompt;
    }

    public StringProperty temperatureProperty() {
        return temperature;
    }

    public StringProperty maxTokensProperty() {
        return maxTokens;
    }

    public BooleanProperty streamingProperty() {
        return streaming;
    }

    public BooleanProperty compareProperty() {
        return compare;
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingModelsProperty() {
        return caller.loadingModelsProperty();
    }

    public ObjectProperty<ChatTurn> inspectedProperty() {
        return inspected;
    }

    public ReadOnlyStringProperty lastCurlProperty() {
        return lastCurl.getReadOnlyProperty();
    }

    public ChatColumn primary() {
        return primary;
    }

    public ChatColumn secondary() {
        return secondary;
    }

    public BooleanBinding busyBinding() {
        return busy;
    }

    public boolean isBusy() {
        return primary.isBusy() || secondary.isBusy();
    }

    /** Text for the Send button's neighbour: nothing to stop unless a call runs. */
    public javafx.beans.binding.StringExpression sendLabel() {
        return Bindings.when(compare).then("Send to both").otherwise("Send");
    }
}
