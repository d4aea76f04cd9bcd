package dev.switchboard.viewmodel.settings;

import dev.switchboard.viewmodel.BackgroundTasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The theme, shared by the sidebar's toggle and the Settings page, saved as soon as it changes. */
public final class Appearance {
    private static final Logger LOG = LoggerFactory.getLogger(Appearance.class);
    private final ObjectProperty<Theme> theme;

    public Appearance(SettingsStore store, BackgroundTasks tasks, Theme initial) {
        this.theme = new SimpleObjectProperty<>(this, "theme", initial == null ? Theme.LIGHT : initial);
        theme.addListener((obs, old, now) -> {
            if (now != null) {
                tasks.run(() -> store.update(s -> s.withTheme(now)), saved -> { },
                        e -> LOG.warn("Could not save the theme: {}", e.getMessage()));
            }
        });
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme getTheme() {
        return theme.get();
    }

    public void toggle() {
        theme.set(theme.get().toggled());
    }
}
