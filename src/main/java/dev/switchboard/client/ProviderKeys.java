package dev.switchboard.client;

import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.ProviderKeyRotate;
import dev.switchboard.api.ProviderKeyUpdate;
import dev.switchboard.logging.Redaction;

/**
 * {@code /provider-keys}: credentials for providers; values are write-only. A value sent is remembered by
 * {@link Redaction} first, so no log line of this process (an HTTP library's debug dump included) shows it.
 */
public final class ProviderKeys {
    static final String COLLECTION = "provider-keys";
    static final String LIST_FIELD = "aiGatewayProviderKeys";
    private final ControlPlane cp;

    ProviderKeys(ControlPlane cp) {
        this.cp = cp;
    }

    public ProviderKey create(ProviderKeyCreate key) {
        Redaction.remember(key.value());
        return cp.post(cp.url(COLLECTION), key, ProviderKey.class, cp.secrets().plus(key.value()));
    }

    public ProviderKey get(String id) {
        return cp.get(cp.url(COLLECTION, id), ProviderKey.class);
    }

    public Page<ProviderKey> page(ListOptions options) {
        return cp.page(cp.listUrl(COLLECTION, options, null), LIST_FIELD, ProviderKey.class);
    }

    /** One page of the keys of one provider ({@code ?provider=}). */
    public Page<ProviderKey> pageForProvider(String providerId, ListOptions options) {
        return cp.page(cp.listUrl(COLLECTION, options, providerId), LIST_FIELD, ProviderKey.class);
    }

    public Listing<ProviderKey> list() {
        return listing(ListOptions.DEFAULT, null);
    }

    /** All keys of one provider, page by page. */
    public Listing<ProviderKey> listForProvider(String providerId) {
        return listing(ListOptions.DEFAULT, providerId);
    }

    /** The keys of one provider ({@code null}: of every provider), {@code options.limit()} per page, following {@code nextPageUri}. */
    public Listing<ProviderKey> listForProvider(String providerId, ListOptions options) {
        return listing(options, providerId);
    }

    public Listing<ProviderKey> list(ListOptions options) {
        return listing(options, null);
    }

    private Listing<ProviderKey> listing(ListOptions options, String providerId) {
        return new Listing<>(cp.listUrl(COLLECTION, options, providerId),
                url -> cp.page(url, LIST_FIELD, ProviderKey.class), cp::resolvePage);
    }

    /** Name, description and metadata only; a new value goes through {@link #rotate}. */
    public ProviderKey update(String id, ProviderKeyUpdate update) {
        return cp.patch(cp.url(COLLECTION, id), update, ProviderKey.class, cp.secrets());
    }

    public ProviderKey rotate(String id, ProviderKeyRotate rotation) {
        Redaction.remember(rotation.value());
        return cp.post(cp.url(COLLECTION, id, "rotate"), rotation, ProviderKey.class,
                cp.secrets().plus(rotation.value()));
    }

    public void delete(String id) {
        cp.delete(cp.url(COLLECTION, id));
    }
}
