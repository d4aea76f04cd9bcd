package dev.switchboard.ui.diagnose;

import javafx.event.Event;
import javafx.event.EventType;

/**
 * Fired by a "Diagnose…" link deep inside a page (a failed chat reply) and handled by the page's controller,
 * which knows the rest of what to diagnose (the key, the surface). Carries the {@code provider:model}.
 */
public final class DiagnoseEvent extends Event {
    public static final EventType<DiagnoseEvent> DIAGNOSE = new EventType<>(Event.ANY, "DIAGNOSE");

    private final String model;

    public DiagnoseEvent(String model) {
        super(DIAGNOSE);
        this.model = model;
    }

    public String model() {
        return model;
    }
}
