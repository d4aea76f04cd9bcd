package dev.switchboard.client;

import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderUpdate;

/** {@code /providers}: custom providers. Get one with {@link GatewayClient#providers()}. */
public final class Providers {
    static final String COLLECTION = "providers";
    static final String LIST_FIELD = "aiGatewayProviders";
    private final ControlPlane cp;

    Providers(ControlPlane cp) {
        this.cp = cp;
    }

    public Provider create(ProviderCreate provider) {
        return cp.post(cp.url(COLLECTION), provider, Provider.class, cp.secrets());
    }

    public Provider get(String id) {
        return cp.get(cp.url(COLLECTION, id), Provider.class);
    }

    /** One page, newest first. */
    public Page<Provider> page(ListOptions options) {
        return cp.page(cp.listUrl(COLLECTION, options, null), LIST_FIELD, Provider.class);
    }

    /** All providers, fetched page by page as they are iterated. */
    public Listing<Provider> list() {
        return list(ListOptions.DEFAULT);
    }

    public Listing<Provider> list(ListOptions options) {
        return new Listing<>(cp.listUrl(COLLECTION, options, null),
                url -> cp.page(url, LIST_FIELD, Provider.class), cp::resolvePage);
    }

    public Provider update(String id, ProviderUpdate update) {
        return cp.patch(cp.url(COLLECTION, id), update, Provider.class, cp.secrets());
    }

    /** Refused with {@link ConflictException} while a provider key or configuration refers to it. */
    public void delete(String id) {
        cp.delete(cp.url(COLLECTION, id));
    }
}
