package dev.switchboard.diagnose;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.ModelRef;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.Surface;
import dev.switchboard.discovery.ConnectionTimings;
import dev.switchboard.discovery.ModelServerCheck;
import java.util.List;

/** What one diagnosis has learned so far; each step reads what earlier steps found and adds its own. */
final class Facts {
    final DiagnosisRequest request;
    final GatewayClient client;
    final GatewayKind kind;
    final ModelServerCheck servers;

    AccessKey key;
    /** The key's id when known (from the request or found from the token). */
    String keyId;
    boolean tokenAccepted;
    AccessKeyConfiguration configuration;
    boolean configurationKnown;
    Provider provider;
    List<ProviderKey> providerKeys = List.of();
    Surface upstreamSurface;
    ConnectionTimings reach;
    ModelListFix modelListFix;
    /** The step at which the gateway itself failed to answer (down, wrong API key); later steps are not checked. */
    StepId gatewayUnanswered;

    Facts(DiagnosisRequest request, GatewayClient client, GatewayKind kind, ModelServerCheck servers) {
        this.request = request;
        this.client = client;
        this.kind = kind;
        this.servers = servers;
        this.keyId = request.keyId();
    }

    ModelRef model() {
        return request.model();
    }

    /** How sentences name the key: {@code 'ci-bot'}, else its id, else "this token". */
    String keyLabel() {
        if (key != null && key.name() != null && !key.name().isBlank()) {
            return "'" + key.name() + "'";
        }
        return keyId != null ? keyId : "this token";
    }

    String configurationLabel() {
        return configuration == null ? "" : "'" + configuration.name() + "'";
    }

    /** The provider's base URL host is an ngrok internal endpoint. */
    boolean internalHost() {
        return provider != null && Urls.host(provider.baseUrl()).endsWith(".internal");
    }
}
