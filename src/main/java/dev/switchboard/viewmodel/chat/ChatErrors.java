package dev.switchboard.viewmodel.chat;

import dev.switchboard.client.ForbiddenException;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.GatewayTimeoutException;
import dev.switchboard.client.NetworkException;
import dev.switchboard.client.RateLimitedException;
import dev.switchboard.client.UnauthorizedException;
import dev.switchboard.client.UpstreamException;
import dev.switchboard.client.ValidationException;

/** Puts a failed model call into words for the conversation. */
public final class ChatErrors {
    public static final String NOT_ALLOWED = "ERR_NGROK_3803";

    private ChatErrors() {
    }

    /** What kind of failure it was, so the view can offer the right action. */
    public enum Kind { UNAUTHORIZED, NOT_ALLOWED, UPSTREAM, NETWORK, OTHER }

    public static Kind kindOf(Throwable error) {
        if (error instanceof UnauthorizedException) {
            return Kind.UNAUTHORIZED;
        }
        if (error instanceof GatewayException g && g.errorCode().filter(NOT_ALLOWED::equals).isPresent()) {
            return Kind.NOT_ALLOWED;
        }
        if (error instanceof ForbiddenException) {
            return Kind.NOT_ALLOWED;
        }
        if (error instanceof UpstreamException || (error instanceof GatewayException g
                && (g.status() == 502 || g.status() == 503 || g.status() == 504))) {
            return Kind.UPSTREAM;
        }
        if (error instanceof NetworkException || error instanceof GatewayTimeoutException) {
            return Kind.NETWORK;
        }
        return Kind.OTHER;
    }

    /**
     * A sentence or two for the person: what happened and what to do, then the gateway's own message.
     * {@code providerBaseUrl} is the base URL of the provider that did not answer, when known.
     */
    public static String describe(Throwable error, String model, String providerBaseUrl) {
        String own = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        String code = error instanceof GatewayException g ? g.errorCode().map(c -> " (" + c + ")").orElse("") : "";
        String words = switch (kindOf(error)) {
            case UNAUTHORIZED -> "The gateway did not accept this access key: the token is wrong, or the key was revoked. "
                    + "Pick another key or create a new one in Access keys.";
            case NOT_ALLOWED -> "This access key's configuration does not allow " + (model == null ? "this model" : model)
                    + ". Open Access keys to change the key's configuration, or pick a model from the list.";
            case UPSTREAM -> {
                int status = error instanceof GatewayException g ? g.status() : 0;
                yield "The provider did not answer" + (status > 0 ? " (HTTP " + status + ")" : "")
                        + (providerBaseUrl != null ? " at " + providerBaseUrl : "")
                        + ". Check that the model server is running and reachable.";
            }
            case NETWORK -> "Could not reach the gateway, or the connection broke. Check the connection in Settings.";
            case OTHER -> {
                if (error instanceof RateLimitedException) {
                    yield "Rate limited: too many requests for now. Try again in a moment.";
                }
                if (error instanceof ValidationException) {
                    yield "The gateway refused the request as invalid.";
                }
                yield "The call failed.";
            }
        };
        return words + "\nGateway: " + own + code;
    }

    /** The provider part of {@code provider:model}, or null. */
    public static String providerOf(String model) {
        if (model == null) {
            return null;
        }
        int colon = model.indexOf(':');
        return colon > 0 ? model.substring(0, colon) : null;
    }
}
