package dev.switchboard.viewmodel.chat;

import java.util.ArrayList;
import java.util.List;

/** Splits a message into prose and ``` fenced code blocks (an unclosed fence, mid-stream, is code up to the end). */
public final class MessageSegments {
    private MessageSegments() {
    }

    public record Segment(boolean code, String language, String text) {
    }

    public static List<Segment> parse(String text) {
        List<Segment> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String[] lines = text.split("\n", -1);
        StringBuilder current = new StringBuilder();
        boolean inCode = false;
        String lang = "";
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                if (!inCode) {
                    addProse(out, current);
                    inCode = true;
                    lang = trimmed.substring(3).strip();
                } else {
                    out.add(new Segment(true, lang, stripLastNewline(current)));
                    current.setLength(0);
                    inCode = false;
                    lang = "";
                }
                continue;
            }
            current.append(line).append('\n');
        }
        if (inCode) {
            out.add(new Segment(true, lang, stripLastNewline(current)));
        } else {
            addProse(out, current);
        }
        return out;
    }

    private static void addProse(List<Segment> out, StringBuilder current) {
        String s = stripLastNewline(current);
        if (!s.isBlank()) {
            out.add(new Segment(false, "", s.strip()));
        }
        current.setLength(0);
    }

    private static String stripLastNewline(StringBuilder sb) {
        String s = sb.toString();
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
