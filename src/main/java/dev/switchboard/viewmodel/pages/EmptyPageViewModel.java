package dev.switchboard.viewmodel.pages;

import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.ConnectionState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;

/**
 * A page whose feature comes in a later issue: it explains what will be there and offers the first
 * step (checking the gateway connection in Settings). Feature pages replace this with their own view-model.
 */
public class EmptyPageViewModel {
    private final AppContext context;
    private final StringBinding gatewayLine;

    public EmptyPageViewModel(AppContext context) {
        this.context = context;
        this.gatewayLine = Bindings.createStringBinding(() -> describe(context.connections().stateProperty().get()),
                context.connections().stateProperty());
    }

    /** "Connected to Embedded · http://127.0.0.1:7878", or what is happening instead. */
    public StringBinding gatewayLineProperty() {
        return gatewayLine;
    }

    public void openSettings() {
        context.navigator().show("settings");
    }

    protected AppContext context() {
        return context;
    }

    private static String describe(ConnectionState s) {
        if (s == null) {
            return "Connecting to the gateway…";
        }
        return switch (s.phase()) {
            case READY -> "Gateway: " + s.connection().label();
            case STARTING -> s.detail();
            case FAILED -> "No gateway: " + s.detail();
        };
    }
}
