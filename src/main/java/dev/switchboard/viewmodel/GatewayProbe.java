package dev.switchboard.viewmodel;

/** Asks a gateway whether it answers (a control-plane read). Blocking: call it from a background task. */
@FunctionalInterface
public interface GatewayProbe {
    ProbeResult probe(GatewayConnection connection);
}
