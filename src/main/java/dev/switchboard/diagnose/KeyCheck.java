package dev.switchboard.diagnose;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.UsageEvent;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.NotFoundException;
import dev.switchboard.client.UnauthorizedException;
import dev.switchboard.client.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Step 1: the access key exists and is not revoked, by its id (control plane) and its token (data plane). */
final class KeyCheck {
    private static final Action NEW_KEY = new Action(Action.Target.ACCESS_KEYS, "Open Access keys…", null);

    private KeyCheck() {
    }

    static StepResult run(Facts f) {
        List<String> evidence = new ArrayList<>();
        if (f.keyId != null) {
            try {
                f.key = f.client.accessKeys().get(f.keyId);
                evidence.add("GET /access-keys/" + f.keyId + ": found '" + f.key.name() + "' (" + f.key.keyRedacted() + ")");
            } catch (NotFoundException e) {
                return missingKey(f, evidence);
            }
        }
        if (f.request.token() == null) {
            return StepResult.passed(StepId.KEY, "The access key " + f.keyLabel() + " exists and is not revoked.",
                    with(evidence, "No token for this key: the real call (step 7) cannot be made."));
        }
        try {
            int count = f.client.listModels(f.request.token()).size();
            f.tokenAccepted = true;
            evidence.add("GET /v1/models with the token: accepted (" + count + " model" + (count == 1 ? "" : "s") + ")");
        } catch (UnauthorizedException e) {
            evidence.add("GET /v1/models with the token: HTTP 401 (" + e.getMessage() + ")");
            if (f.key != null) {
                return StepResult.failed(StepId.KEY, "The token given is not the token of the access key "
                        + f.keyLabel() + ": the gateway refuses it (401).", evidence, NEW_KEY);
            }
            return StepResult.failed(StepId.KEY, "The gateway knows no access key with this token: it was mistyped,"
                    + " belongs to another gateway, or its key was revoked.", evidence, NEW_KEY);
        }
        if (f.key == null) {
            identifyByToken(f, evidence);
        }
        return StepResult.passed(StepId.KEY, "The access key " + f.keyLabel() + " exists and is not revoked.", evidence);
    }

    /** The key whose redacted form fits the token (its first characters and its last ones). */
    private static void identifyByToken(Facts f, List<String> evidence) {
        String token = f.request.token();
        List<AccessKey> matches = new ArrayList<>();
        for (AccessKey k : f.client.accessKeys().list()) {
            String redacted = k.keyRedacted();
            int stars = redacted == null ? -1 : redacted.indexOf("***");
            if (stars > 0 && token.startsWith(redacted.substring(0, stars))
                    && token.endsWith(redacted.substring(stars + 3))) {
                matches.add(k);
            }
        }
        if (matches.size() == 1) {
            f.key = matches.get(0);
            f.keyId = f.key.id();
            evidence.add("The token fits the access key '" + f.key.name() + "' (" + f.key.id() + ", "
                    + f.key.keyRedacted() + ")");
        } else {
            evidence.add(matches.isEmpty() ? "No access key's redacted form fits this token: its configuration"
                    + " cannot be read (steps 2 and 3)." : matches.size() + " access keys fit this token's redacted form:"
                    + " give --key-id to pick one.");
        }
    }

    private static StepResult missingKey(Facts f, List<String> evidence) {
        evidence.add("GET /access-keys/" + f.keyId + ": HTTP 404");
        Optional<UsageEvent> last = lastUse(f);
        if (last.isPresent()) {
            evidence.add("The request log has requests from " + f.keyId + ", the last at " + last.get().eventTime()
                    + ": the key existed");
            return StepResult.failed(StepId.KEY, "The access key " + f.keyId + " was revoked (deleted): the gateway"
                    + " refuses its token.", evidence, NEW_KEY);
        }
        evidence.add("The request log has no request from " + f.keyId);
        return StepResult.failed(StepId.KEY, "The gateway has no access key " + f.keyId
                + " (it never existed here, or was revoked before it was used).", evidence, NEW_KEY);
    }

    private static Optional<UsageEvent> lastUse(Facts f) {
        try {
            return f.client.usage().page(Usage.Query.recent().withAccessKeyId(f.keyId).withRetries(true).withLimit(1))
                    .items().stream().findFirst().map(UsageEvent::of);
        } catch (GatewayException e) {
            return Optional.empty();
        }
    }

    private static List<String> with(List<String> evidence, String line) {
        evidence.add(line);
        return evidence;
    }
}
