package dev.switchboard.ui.shell;

import java.util.List;
import org.kordamp.ikonli.feather.Feather;

/**
 * The sidebar, top to bottom. To add a page: write its FXML view + controller + view-model, then add
 * one line here. Ctrl+1… follow this order; the underscore in a title marks its Alt mnemonic.
 */
public final class Pages {
    public static final String PROVIDERS = "providers";
    public static final String ACCESS_KEYS = "access-keys";
    public static final String CHAT = "chat";
    public static final String LOGS = "logs";
    public static final String SETTINGS = "settings";
    public static final String PROVIDER_KEYS = "provider-keys";
    public static final String GATEWAY_SETTINGS = "gateway-settings";

    private Pages() {
    }

    public static List<Page> all() {
        return List.of(
                Page.fxml(PROVIDERS, "_Providers", Feather.SERVER, "providers/ProvidersView.fxml"),
                Page.fxml(ACCESS_KEYS, "Access _keys", Feather.KEY, "accesskeys/AccessKeysView.fxml"),
                Page.fxml(CHAT, "_Chat", Feather.MESSAGE_SQUARE, "chat/ChatView.fxml"),
                Page.fxml(LOGS, "_Logs", Feather.ACTIVITY, "logs/LogsView.fxml"),
                Page.fxml(SETTINGS, "Se_ttings", Feather.SETTINGS, "settings/SettingsView.fxml"),
                Page.fxml(PROVIDER_KEYS, "Pr_ovider keys", Feather.LOCK, "providerkeys/ProviderKeysView.fxml"),
                Page.fxml(GATEWAY_SETTINGS, "_Gateway settings", Feather.SLIDERS, "gateway/GatewaySettingsView.fxml"));
    }
}
