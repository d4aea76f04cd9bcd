package dev.switchboard.viewmodel;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What to tell the user about a failed background call: the gateway's own sentence, not a wrapper's. */
public final class Failures {
    private Failures() {
    }

    public static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
