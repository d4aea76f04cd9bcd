package dev.switchboard.viewmodel;

/** Short, non-modal messages ("Settings saved"), shown by the window and gone after a few seconds. */
public interface NotificationService {
    enum Kind { INFO, SUCCESS, WARNING, ERROR }

    void notify(Kind kind, String message);

    default void success(String message) {
        notify(Kind.SUCCESS, message);
    }

    default void error(String message) {
        notify(Kind.ERROR, message);
    }
}
