package dev.switchboard.ui;

import dev.switchboard.viewmodel.AppContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads an FXML view from {@code src/main/resources/dev/switchboard/ui/} and builds its controller,
 * handing the controller the {@link AppContext} when it has a constructor that takes one.
 */
public final class ViewLoader {
    private ViewLoader() {
    }

    /** @param fxml a path relative to {@code dev/switchboard/ui/}, e.g. {@code settings/SettingsView.fxml} */
    public static Parent load(String fxml, AppContext context) {
        URL url = ViewLoader.class.getResource(fxml);
        if (url == null) {
            throw new IllegalArgumentException("No FXML view at dev/switchboard/ui/" + fxml);
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(type -> newController(type, context));
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load the view " + fxml, e);
        }
    }

    private static Object newController(Class<?> type, AppContext context) {
        try {
            try {
                Constructor<?> withContext = type.getConstructor(AppContext.class);
                return withContext.newInstance(context);
            } catch (NoSuchMethodException e) {
                return type.getConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException("Could not create " + type.getName(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("A controller needs a public constructor taking AppContext, or none: " + type.getName(), e);
        }
    }
}
