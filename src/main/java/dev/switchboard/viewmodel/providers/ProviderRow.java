package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.discovery.Health;
import dev.switchboard.discovery.Reachability;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** One line of the Providers table: the provider as read from the gateway, and its live status. */
public final class ProviderRow {
    /** The dot's colour: not yet checked, checking, answering, not answering, cannot be checked from here. */
    public enum Status { UNCHECKED, CHECKING, REACHABLE, UNREACHABLE, UNKNOWN }

    private final Provider provider;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(this, "status", Status.UNCHECKED);
    private volatile Health lastCheck;

    public ProviderRow(Provider provider) {
        this.provider = provider;
    }

    public Provider provider() {
        return provider;
    }

    public String providerId() {
        return provider.providerId();
    }

    public String name() {
        return provider.name() == null ? "" : provider.name();
    }

    public String baseUrl() {
        return provider.baseUrl() == null ? "" : provider.baseUrl();
    }

    /** Short names for the table: "Chat, Responses, Messages". */
    public String surfaces() {
        List<ApiSurface> s = provider.supportedApiSurfaces();
        return s == null ? "" : s.stream().map(ProviderRow::shortName).collect(Collectors.joining(", "));
    }

    private static String shortName(ApiSurface s) {
        if (s.surface() == null) {
            return "?";
        }
        return switch (s.surface()) {
            case ApiSurface.CHAT_COMPLETIONS -> "Chat";
            case ApiSurface.RESPONSES -> "Responses";
            case ApiSurface.MESSAGES -> "Messages";
            default -> s.surface();
        };
    }

    public int modelCount() {
        return provider.models() == null ? 0 : provider.models().size();
    }

    public List<String> modelIds() {
        return provider.models() == null ? List.of() : provider.models().stream().map(ProviderModel::modelId).toList();
    }

    public ObjectProperty<Status> statusProperty() {
        return status;
    }

    public Status getStatus() {
        return status.get();
    }

    /** Records a finished check; the dot turns red only when a fresh connection failed too (see {@link Health}). */
    void checked(Health health) {
        lastCheck = health;
        status.set(of(health.reachability()));
    }

    /** Words for the dot's tooltip: what answered (or what failed) and when it was last checked. */
    public String statusText() {
        String when = lastCheck == null ? "" : " · checked at " + CLOCK.format(lastCheck.checkedAt().atZone(ZoneId.systemDefault()));
        String answer = lastCheck == null || lastCheck.answer().isEmpty() ? "" : ": " + lastCheck.answer();
        return switch (status.get()) {
            case UNCHECKED -> "Not checked yet";
            case CHECKING -> "Checking…" + when;
            case REACHABLE -> "Answers at " + baseUrl() + answer + when;
            case UNREACHABLE -> "Not answering at " + baseUrl() + " from this machine" + answer + when;
            case UNKNOWN -> "An ngrok internal endpoint: only the gateway can reach it, so it is not checked from here";
        };
    }

    static Status of(Reachability r) {
        return switch (r) {
            case REACHABLE -> Status.REACHABLE;
            case UNREACHABLE -> Status.UNREACHABLE;
            case UNKNOWN -> Status.UNKNOWN;
        };
    }

    @Override
    public String toString() {
        return providerId();
    }
}
