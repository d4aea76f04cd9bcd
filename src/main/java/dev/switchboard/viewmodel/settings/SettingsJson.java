package dev.switchboard.viewmodel.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code settings.json} read and written with Jackson's streaming parser only: the file is read before the
 * window opens, and the data-binding mapper (~600 classes to load and set up) is not needed until later.
 * A member of the wrong type or with an unknown value is skipped and named in {@link Read#skipped()}, so one
 * bad value does not cost the user the rest of their settings; members this version does not know are ignored.
 */
final class SettingsJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private SettingsJson() {
    }

    /** The settings read, and the members skipped because their values could not be used. */
    record Read(Settings settings, List<String> skipped) {
    }

    static Read read(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("settings.json does not hold a JSON object");
            }
            List<String> skipped = new ArrayList<>();
            GatewayMode mode = null;
            String controlPlaneUrl = null;
            String dataPlaneUrl = null;
            Theme theme = null;
            WindowBounds window = null;
            Integer embeddedPort = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "mode" -> mode = enumValue(p, GatewayMode.class, name, skipped);
                    case "controlPlaneUrl" -> controlPlaneUrl = text(p, name, skipped);
                    case "dataPlaneUrl" -> dataPlaneUrl = text(p, name, skipped);
                    case "theme" -> theme = enumValue(p, Theme.class, name, skipped);
                    case "window" -> window = window(p, skipped);
                    case "embeddedPort" -> embeddedPort = port(p, skipped);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("settings.json is not one complete JSON object");
            }
            return new Read(new Settings(mode, controlPlaneUrl, dataPlaneUrl, theme, window, embeddedPort), skipped);
        }
    }

    static byte[] write(Settings s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("mode", s.mode().name());
            g.writeStringField("controlPlaneUrl", s.controlPlaneUrl());
            g.writeStringField("dataPlaneUrl", s.dataPlaneUrl());
            g.writeStringField("theme", s.theme().name());
            WindowBounds w = s.window();
            g.writeObjectFieldStart("window");
            g.writeNumberField("x", w.x());
            g.writeNumberField("y", w.y());
            g.writeNumberField("width", w.width());
            g.writeNumberField("height", w.height());
            g.writeBooleanField("maximized", w.maximized());
            g.writeEndObject();
            g.writeNumberField("embeddedPort", s.embeddedPort());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static String text(JsonParser p, String name, List<String> skipped) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING || p.currentToken() == JsonToken.VALUE_NULL) {
            return p.getValueAsString();
        }
        skip(p, name, skipped);
        return null;
    }

    private static <E extends Enum<E>> E enumValue(JsonParser p, Class<E> type, String name, List<String> skipped)
            throws IOException {
        String text = text(p, name, skipped);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            skipped.add(name);
            return null;
        }
    }

    private static Integer port(JsonParser p, List<String> skipped) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 0 && p.getLongValue() <= 65535) {
            return p.getIntValue();
        }
        if (p.currentToken() != JsonToken.VALUE_NULL) {
            skip(p, "embeddedPort", skipped);
        }
        return null;
    }

    private static WindowBounds window(JsonParser p, List<String> skipped) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            if (p.currentToken() != JsonToken.VALUE_NULL) {
                skip(p, "window", skipped);
            }
            return null;
        }
        WindowBounds d = WindowBounds.defaults();
        double x = d.x();
        double y = d.y();
        double width = d.width();
        double height = d.height();
        boolean maximized = d.maximized();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "x" -> x = number(p, x, true, "window.x", skipped);
                case "y" -> y = number(p, y, true, "window.y", skipped);
                case "width" -> width = number(p, width, false, "window.width", skipped);
                case "height" -> height = number(p, height, false, "window.height", skipped);
                case "maximized" -> {
                    if (p.currentToken().isBoolean()) {
                        maximized = p.getBooleanValue();
                    } else {
                        skip(p, "window.maximized", skipped);
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new WindowBounds(x, y, width, height, maximized);
    }

    /** A finite number, or for a position "NaN" (never placed), as Jackson writes it. */
    private static double number(JsonParser p, double otherwise, boolean position, String name, List<String> skipped)
            throws IOException {
        if (p.currentToken().isNumeric() && Double.isFinite(p.getDoubleValue())) {
            return p.getDoubleValue();
        }
        if (position && p.currentToken() == JsonToken.VALUE_STRING && "NaN".equals(p.getText())) {
            return Double.NaN;
        }
        skip(p, name, skipped);
        return otherwise;
    }

    private static void skip(JsonParser p, String name, List<String> skipped) throws IOException {
        skipped.add(name);
        p.skipChildren();
    }
}
