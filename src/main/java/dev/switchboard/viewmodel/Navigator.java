package dev.switchboard.viewmodel;

/** Lets a view-model move the window to another page ("Open Settings") without knowing the shell. */
@FunctionalInterface
public interface Navigator {
    /** Shows the page with this id (see {@code dev.switchboard.ui.shell.Pages}); unknown ids are ignored. */
    void show(String pageId);
}
