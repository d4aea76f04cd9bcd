package dev.switchboard.viewmodel.settings;

/** The window's colour scheme. */
public enum Theme {
    LIGHT, DARK;

    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
