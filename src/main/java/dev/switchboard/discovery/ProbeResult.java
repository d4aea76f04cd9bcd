package dev.switchboard.discovery;

import java.util.Optional;

/** What the scan saw at one target: a server, or the reason there is none. */
public record ProbeResult(ScanTarget target, DiscoveredServer server, String problem) {

    public static ProbeResult found(DiscoveredServer server) {
        return new ProbeResult(server.target(), server, null);
    }

    public static ProbeResult nothing(ScanTarget target, String problem) {
        return new ProbeResult(target, null, problem);
    }

    public boolean isFound() {
        return server != null;
    }

    public Optional<DiscoveredServer> discovered() {
        return Optional.ofNullable(server);
    }
}
