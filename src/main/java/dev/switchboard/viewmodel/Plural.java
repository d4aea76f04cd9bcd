package dev.switchboard.viewmodel;

/** "1 model", "2 models", "0 models": a count with its noun in the right number. */
public final class Plural {
    private Plural() {
    }

    public static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
