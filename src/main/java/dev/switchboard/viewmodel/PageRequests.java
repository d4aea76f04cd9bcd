package dev.switchboard.viewmodel;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Asks a page to show one item, e.g. the Access keys page to open configuration {@code aigac_…} from a link
 * on another page. A page not built yet gets the request when it registers its handler. FX thread only.
 */
public final class PageRequests {
    private final Map<String, String> pending = new HashMap<>();
    private final Map<String, Consumer<String>> handlers = new HashMap<>();

    /** Hands {@code itemId} to the page's handler now, or keeps it (only the latest) until the page registers one. */
    public void request(String pageId, String itemId) {
        Consumer<String> handler = handlers.get(pageId);
        if (handler != null) {
            handler.accept(itemId);
        } else {
            pending.put(pageId, itemId);
        }
    }

    /** Registers the page's handler and gives it the request that waited for it, if any. */
    public void handle(String pageId, Consumer<String> handler) {
        handlers.put(pageId, handler);
        String waiting = pending.remove(pageId);
        if (waiting != null) {
            handler.accept(waiting);
        }
    }
}
