package dev.switchboard.viewmodel.transfer;

import dev.switchboard.transfer.LocalProviders;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A provider whose base URL only this machine reaches, and the ngrok internal endpoint the other gateway
 * should use instead ({@code https://my-ollama.internal}); left empty, the local URL is copied as it is.
 */
public final class InternalUrlInput {
    private final String providerId;
    private final String localUrl;
    private final StringProperty internalUrl;
    private final StringBinding error;

    InternalUrlInput(String providerId, String localUrl) {
        this.providerId = providerId;
        this.localUrl = localUrl;
        this.internalUrl = new SimpleStringProperty(this, "internalUrl",
                LocalProviders.suggestedInternalUrl(providerId));
        this.error = Bindings.createStringBinding(() -> problem(internalUrl.get()), internalUrl);
    }

    private String problem(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            LocalProviders.parseMapping(providerId + "=" + url.strip());
            return "";
        } catch (IllegalArgumentException e) {
            return "Use an ngrok internal endpoint, such as " + LocalProviders.suggestedInternalUrl(providerId) + ".";
        }
    }

    public String providerId() {
        return providerId;
    }

    public String localUrl() {
        return localUrl;
    }

    public StringProperty internalUrlProperty() {
        return internalUrl;
    }

    /** Why the URL cannot be used, or "" when it can (or is empty). */
    public StringBinding errorProperty() {
        return error;
    }

    boolean valid() {
        return error.get().isEmpty();
    }

    String mapping() {
        String url = internalUrl.get();
        return url == null || url.isBlank() ? null : url.strip();
    }
}
