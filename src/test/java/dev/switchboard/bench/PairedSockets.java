package dev.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The socket plumbing of the benchmark's yardstick relays ({@link TcpRelay}, {@code LeanHttpRelay}): a listening
 * socket on a free loopback port, and each accepted client connection paired with its own new connection to the
 * target, both non-blocking and without Nagle's delay, for one selector thread to own.
 */
public final class PairedSockets {
    private PairedSockets() {
    }

    /** Listens on a free loopback port, registered for accepts on {@code selector}; prints {@code port=N}. */
    public static ServerSocketChannel listen(Selector selector) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println("port=" + server.socket().getLocalPort());
        System.out.flush();
        return server;
    }

    /** The next client connection and a new connection to {@code target} for it, or null when none is waiting. */
    public static SocketChannel[] acceptPair(ServerSocketChannel server, InetSocketAddress target) throws IOException {
        SocketChannel client = server.accept();
        if (client == null) {
            return null;
        }
        SocketChannel up = SocketChannel.open(target); // loopback: connects at once
        for (SocketChannel c : new SocketChannel[] {client, up}) {
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.configureBlocking(false);
        }
        return new SocketChannel[] {client, up};
    }
}
