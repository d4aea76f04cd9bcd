package dev.switchboard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code PATCH /providers/{id}}. {@code providerId} cannot change; {@code models} replaces the list
 * (an empty list clears it). Example: {@code ProviderUpdate.builder().name("x").clearDescription().build()}.
 */
public final class ProviderUpdate extends UpdateBody {
    private ProviderUpdate(ObjectNode fields) {
        super(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends UpdateBody.ResourceBuilder<Builder> {
        private Builder() {
        }

        public Builder name(String name) {
            return set("name", name);
        }

        public Builder baseUrl(String baseUrl) {
            return set("baseUrl", baseUrl);
        }

        public Builder supportedApiSurfaces(List<ApiSurface> surfaces) {
            return set("supportedApiSurfaces", surfaces);
        }

        /** Replaces the model list with these model ids ({@code []} clears it). */
        public Builder modelIds(List<String> modelIds) {
            return set("models", modelIds.stream().map(ProviderModel::of).toList());
        }

        public Builder models(List<ProviderModel> models) {
            return set("models", models.stream().map(m -> ProviderModel.of(m.modelId())).toList());
        }

        public ProviderUpdate build() {
            return new ProviderUpdate(fields);
        }
    }
}
