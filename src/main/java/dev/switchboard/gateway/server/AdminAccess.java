package dev.switchboard.gateway.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Who may call the control plane: loopback clients, or anyone when remote admin is allowed. */
public final class AdminAccess {
    private AdminAccess() {
    }

    public static boolean isAllowed(SocketAddress remote, boolean allowRemoteAdmin) {
        if (allowRemoteAdmin) {
            return true;
        }
        if (remote instanceof InetSocketAddress inet) {
            InetAddress address = inet.getAddress();
            return address != null && address.isLoopbackAddress();
        }
        // a Unix-domain or in-memory connection is local by construction
        return remote != null;
    }
}
