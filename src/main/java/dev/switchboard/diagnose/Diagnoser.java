package dev.switchboard.diagnose;

import dev.switchboard.api.ProviderUpdate;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.discovery.ModelServerCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Diagnoses a {@code provider:model} call for an access key by walking every step the gateway takes, from
 * the key to the model server, then making one real one-token call. It speaks to the gateway only through
 * {@link GatewayClient} (control plane and data plane), so embedded and hosted gateways are diagnosed the
 * same way, and to model servers through {@code discovery}. Blocking: run it off the FX thread; the
 * listener hears each step as it starts and ends, on the calling thread.
 */
public final class Diagnoser {
    private static final Logger LOG = LoggerFactory.getLogger(Diagnoser.class);

    private final GatewayClient client;
    private final GatewayKind kind;
    private final ModelServerCheck servers;

    public Diagnoser(GatewayClient client, ModelServerCheck servers) {
        this(client, GatewayKind.of(client), servers);
    }

    public Diagnoser(GatewayClient client, GatewayKind kind, ModelServerCheck servers) {
        this.client = client;
        this.kind = kind;
        this.servers = servers;
    }

    public GatewayKind kind() {
        return kind;
    }

    public Diagnosis run(DiagnosisRequest request, DiagnosisListener listener) {
        Facts facts = new Facts(request, client, kind, servers);
        List<StepResult> results = new ArrayList<>();
        results.add(step(StepId.KEY, KeyCheck::run, facts, listener));
        results.add(step(StepId.ACCESS, AccessCheck::run, facts, listener));
        results.add(step(StepId.ROUTING, RoutingCheck::run, facts, listener));
        results.add(step(StepId.PROVIDER, ProviderCheck::run, facts, listener));
        results.add(step(StepId.REACHABLE, ServerChecks::reachable, facts, listener));
        results.add(step(StepId.MODEL_SERVER, ServerChecks::servesModel, facts, listener));
        results.add(step(StepId.CALL, CallCheck::run, facts, listener));
        StepResult failure = results.stream().filter(StepResult::failed).findFirst().orElse(null);
        return new Diagnosis(request, results, Verdict.of(request, results),
                failure == null ? null : failure.action(), facts.modelListFix);
    }

    /** Applies a model-list fix a diagnosis offered: {@code PATCH /providers/{id}} with the new list. */
    public void apply(ModelListFix fix) {
        client.providers().update(fix.providerResourceId(), ProviderUpdate.builder().modelIds(fix.models()).build());
    }

    private static StepResult step(StepId id, Function<Facts, StepResult> check, Facts facts, DiagnosisListener listener) {
        listener.started(id);
        StepResult result;
        try {
            result = facts.gatewayUnanswered != null
                    ? StepResult.notChecked(id, "Not checked: the gateway did not answer (step "
                    + facts.gatewayUnanswered.number() + ")", List.of())
                    : check.apply(facts);
        } catch (GatewayException e) {
            facts.gatewayUnanswered = id;
            result = StepResult.failed(id, "The gateway could not be asked: " + e.getMessage(),
                    List.of(e.toString()), new Action(Action.Target.SETTINGS, "Check the gateway connection…", null));
        } catch (RuntimeException e) {
            LOG.warn("Diagnosis step {} failed unexpectedly: {}", id, e.toString());
            result = StepResult.notChecked(id, "Not checked: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " (" + e.getMessage() + ")" : ""), List.of());
        }
        listener.finished(result);
        return result;
    }
}
