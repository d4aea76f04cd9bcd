package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderUpdate;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.ValidationGroup;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Providers page's detail pane: what the user is editing of the selected provider (name, base URL,
 * surfaces, models; the providerId is fixed), checked as typed, and the PATCH body with only what changed.
 * No I/O: {@link ProvidersViewModel#save()} sends it.
 */
public final class ProviderEditor {
    private final ObjectProperty<ProviderRow> selected;
    private final StringProperty editName = new SimpleStringProperty(this, "editName", "");
    private final StringProperty editBaseUrl = new SimpleStringProperty(this, "editBaseUrl", "");
    private final BooleanProperty editChat = new SimpleBooleanProperty(this, "editChat", false);
    private final BooleanProperty editResponses = new SimpleBooleanProperty(this, "editResponses", false);
    private final BooleanProperty editMessages = new SimpleBooleanProperty(this, "editMessages", false);
    private final ObservableList<String> editModels = FXCollections.observableArrayList();
    private final StringProperty newModelId = new SimpleStringProperty(this, "newModelId", "");
    private final ReadOnlyObjectWrapper<List<ApiSurface>> editSurfaces = new ReadOnlyObjectWrapper<>(this, "editSurfaces", List.of());
    private final FieldValidator<String> nameValidator;
    private final FieldValidator<String> baseUrlValidator;
    private final FieldValidator<List<ApiSurface>> surfacesValidator;
    private final FieldValidator<String> newModelIdValidator;
    private final ValidationGroup validation;
    private final BooleanBinding dirty;

    ProviderEditor(ObjectProperty<ProviderRow> selected, Supplier<GatewayConnection> connection) {
        this.selected = selected;
        nameValidator = new FieldValidator<>(editName, ProviderRules.displayName());
        baseUrlValidator = new FieldValidator<>(editBaseUrl, ProviderRules.baseUrl(() -> connection.get().mode()));
        editSurfaces.bind(Bindings.createObjectBinding(() -> surfaces(editChat.get(), editResponses.get(), editMessages.get()),
                editChat, editResponses, editMessages));
        surfacesValidator = new FieldValidator<>(editSurfaces, v -> v.isEmpty()
                ? ValidationStatus.error("Tick at least one API surface the server speaks.") : ValidationStatus.ok());
        newModelIdValidator = new FieldValidator<>(newModelId, ProviderRules.newModelId(() -> editModels), editModels);
        validation = new ValidationGroup(nameValidator, baseUrlValidator, surfacesValidator);
        dirty = Bindings.createBooleanBinding(() -> selected.get() != null && !pendingUpdate().isEmpty(),
                selected, editName, editBaseUrl, editSurfaces, editModels);
    }

    /** Puts the selected provider (or nothing) into the fields. */
    void show(ProviderRow row) {
        newModelId.set("");
        if (row == null) {
            editName.set("");
            editBaseUrl.set("");
            editChat.set(false);
            editResponses.set(false);
            editMessages.set(false);
            editModels.clear();
            return;
        }
        Provider p = row.provider();
        editName.set(row.name());
        editBaseUrl.set(row.baseUrl());
        List<ApiSurface> s = p.supportedApiSurfaces() == null ? List.of() : p.supportedApiSurfaces();
        editChat.set(has(s, ApiSurface.openAiChat()));
        editResponses.set(has(s, ApiSurface.openAiResponses()));
        editMessages.set(has(s, ApiSurface.anthropicMessages()));
        editModels.setAll(row.modelIds());
    }

    private static boolean has(List<ApiSurface> list, ApiSurface surface) {
        return list.stream().anyMatch(a -> Objects.equals(a.format(), surface.format()) && Objects.equals(a.surface(), surface.surface()));
    }

    private static List<ApiSurface> surfaces(boolean chat, boolean responses, boolean messages) {
        List<ApiSurface> list = new ArrayList<>();
        if (chat) {
            list.add(ApiSurface.openAiChat());
        }
        if (responses) {
            list.add(ApiSurface.openAiResponses());
        }
        if (messages) {
            list.add(ApiSurface.anthropicMessages());
        }
        return List.copyOf(list);
    }

    /** The PATCH body with only what was changed in the detail pane. */
    public ProviderUpdate pendingUpdate() {
        ProviderUpdate.Builder update = ProviderUpdate.builder();
        ProviderRow row = selected.get();
        if (row == null) {
            return update.build();
        }
        if (!editName.get().strip().equals(row.name())) {
            update.name(editName.get().strip());
        }
        if (!editBaseUrl.get().strip().equals(row.baseUrl())) {
            update.baseUrl(editBaseUrl.get().strip());
        }
        List<ApiSurface> was = row.provider().supportedApiSurfaces() == null ? List.of() : row.provider().supportedApiSurfaces();
        if (!sameSurfaces(was, editSurfaces.get())) {
            update.supportedApiSurfaces(editSurfaces.get());
        }
        if (!row.modelIds().equals(List.copyOf(editModels))) {
            update.modelIds(List.copyOf(editModels));
        }
        return update.build();
    }

    private static boolean sameSurfaces(List<ApiSurface> a, List<ApiSurface> b) {
        return a.size() == b.size() && b.stream().allMatch(s -> has(a, s));
    }

    public void addModel() {
        if (newModelIdValidator.isValid()) {
            editModels.add(newModelId.get().strip());
            newModelId.set("");
        }
    }

    public void removeModel(String modelId) {
        editModels.remove(modelId);
    }

    BooleanBinding allValid() {
        return validation.allValidProperty();
    }

    public StringProperty editNameProperty() {
        return editName;
    }

    public StringProperty editBaseUrlProperty() {
        return editBaseUrl;
    }

    public BooleanProperty editChatProperty() {
        return editChat;
    }

    public BooleanProperty editResponsesProperty() {
        return editResponses;
    }

    public BooleanProperty editMessagesProperty() {
        return editMessages;
    }

    public ObservableList<String> editModels() {
        return editModels;
    }

    public StringProperty newModelIdProperty() {
        return newModelId;
    }

    public FieldValidator<String> nameValidator() {
        return nameValidator;
    }

    public FieldValidator<String> baseUrlValidator() {
        return baseUrlValidator;
    }

    public FieldValidator<List<ApiSurface>> surfacesValidator() {
        return surfacesValidator;
    }

    public FieldValidator<String> newModelIdValidator() {
        return newModelIdValidator;
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }
}
