package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code POST /providers}. Only {@code providerId}, {@code name} and {@code baseUrl} are required. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderCreate(
        String providerId,
        String name,
        String baseUrl,
        List<ApiSurface> supportedApiSurfaces,
        List<ProviderModel> models,
        String metadata) {

    /** A provider with the given surfaces and model ids, no metadata. */
    public static ProviderCreate of(String providerId, String name, String baseUrl, List<ApiSurface> surfaces,
                                    List<String> modelIds) {
        return new ProviderCreate(providerId, name, baseUrl, surfaces,
                modelIds == null ? null : modelIds.stream().map(ProviderModel::of).toList(), null);
    }

    public ProviderCreate withMetadata(String newMetadata) {
        return new ProviderCreate(providerId, name, baseUrl, supportedApiSurfaces, models, newMetadata);
    }
}
