package dev.switchboard.viewmodel.accesskeys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A plain line diff (longest common subsequence), enough for a preview of one JSON body. */
public final class LineDiff {
    public enum Kind { SAME, ADDED, REMOVED }

    public record Line(Kind kind, String text) {
        /** {@code "  text"}, {@code "+ text"} or {@code "- text"}. */
        public String render() {
            return switch (kind) {
                case SAME -> "  " + text;
                case ADDED -> "+ " + text;
                case REMOVED -> "- " + text;
            };
        }
    }

    private LineDiff() {
    }

    public static List<Line> of(String before, String after) {
        List<String> a = split(before);
        List<String> b = split(after);
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Line(Kind.SAME, a.get(i)));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line(Kind.REMOVED, a.get(i++)));
            } else {
                out.add(new Line(Kind.ADDED, b.get(j++)));
            }
        }
        while (i < n) {
            out.add(new Line(Kind.REMOVED, a.get(i++)));
        }
        while (j < m) {
            out.add(new Line(Kind.ADDED, b.get(j++)));
        }
        return out;
    }

    public static boolean hasChanges(List<Line> diff) {
        return diff.stream().anyMatch(l -> l.kind() != Kind.SAME);
    }

    public static String render(List<Line> diff) {
        StringBuilder sb = new StringBuilder();
        diff.forEach(l -> sb.append(l.render()).append('\n'));
        return sb.toString();
    }

    private static List<String> split(String text) {
        if (text == null || text.isEmpty()) {
            return Collections.emptyList();
        }
        return List.of(text.split("\n", -1));
    }
}
