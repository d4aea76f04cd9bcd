package dev.switchboard.client;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AccessKeyUpdate;

/** {@code /access-keys}: data-plane credentials. */
public final class AccessKeys {
    static final String COLLECTION = "access-keys";
    static final String LIST_FIELD = "aiGatewayAccessKeys";
    private final ControlPlane cp;

    AccessKeys(ControlPlane cp) {
        this.cp = cp;
    }

    /** The answer alone carries {@link AccessKey#token()}: show it once, it cannot be read again. */
    public AccessKey create(AccessKeyCreate key) {
        return cp.post(cp.url(COLLECTION), key, AccessKey.class, cp.secrets());
    }

    public AccessKey get(String id) {
        return cp.get(cp.url(COLLECTION, id), AccessKey.class);
    }

    public Page<AccessKey> page(ListOptions options) {
        return cp.page(cp.listUrl(COLLECTION, options, null), LIST_FIELD, AccessKey.class);
    }

    public Listing<AccessKey> list() {
        return list(ListOptions.DEFAULT);
    }

    public Listing<AccessKey> list(ListOptions options) {
        return new Listing<>(cp.listUrl(COLLECTION, options, null),
                url -> cp.page(url, LIST_FIELD, AccessKey.class), cp::resolvePage);
    }

    public AccessKey update(String id, AccessKeyUpdate update) {
        return cp.patch(cp.url(COLLECTION, id), update, AccessKey.class, cp.secrets());
    }

    public void delete(String id) {
        cp.delete(cp.url(COLLECTION, id));
    }
}
