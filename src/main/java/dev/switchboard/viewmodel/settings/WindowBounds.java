package dev.switchboard.viewmodel.settings;

/** Where the main window was, so it reopens there. */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    public static final double MIN_WIDTH = 1000;
    public static final double MIN_HEIGHT = 700;

    public static WindowBounds defaults() {
        return new WindowBounds(Double.NaN, Double.NaN, 1180, 760, false);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }
}
