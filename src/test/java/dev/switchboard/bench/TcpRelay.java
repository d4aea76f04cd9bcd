package dev.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The floor for any relay on this machine: a plain TCP relay on one selector thread, each client
 * connection paired with its own connection to the target, bytes passed on as they come, nothing parsed,
 * nothing logged. {@code bench/run} measures it like the gateway (the "tcp relay" column), so its figures
 * show what is left for a gateway to win on this machine: an HTTP gateway does strictly more than this.
 *
 * <p>Usage: {@code TcpRelay <targetPort>}; prints {@code port=N} once listening.
 */
public final class TcpRelay {
    private TcpRelay() {
    }

    /** One direction of a pair: reads from {@code from}, writes to {@code to}, through {@code buffer}. */
    private static final class Leg {
        final SocketChannel from;
        final SocketChannel to;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

        Leg(SocketChannel from, SocketChannel to) {
            this.from = from;
            this.to = to;
        }
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        Selector selector = Selector.open();
        ServerSocketChannel server = PairedSockets.listen(selector);
        while (true) {
            selector.select();
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                try {
                    if (key.isAcceptable()) {
                        accept(server, target, selector);
                    } else {
                        Pair p = (Pair) key.attachment();
                        if (key.isValid() && key.isReadable()) {
                            pump(key == p.clientKey ? p.up : p.down, p);
                        }
                        if (key.isValid() && key.isWritable()) {
                            // a leg whose destination is this key's channel had bytes left over
                            key.interestOps(SelectionKey.OP_READ);
                            pump(key == p.clientKey ? p.down : p.up, p);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    Object a = key.attachment();
                    if (a instanceof Pair p) {
                        p.close();
                    }
                }
            }
        }
    }

    /** Both legs of one relayed connection and their two keys. */
    private static final class Pair {
        final Leg up;
        final Leg down;
        SelectionKey clientKey;
        SelectionKey targetKey;

        Pair(SocketChannel client, SocketChannel target) {
            up = new Leg(client, target);
            down = new Leg(target, client);
        }

        void close() {
            try {
                up.from.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                up.to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void accept(ServerSocketChannel server, InetSocketAddress target, Selector selector)
            throws IOException {
        SocketChannel[] pair;
        while ((pair = PairedSockets.acceptPair(server, target)) != null) {
            Pair p = new Pair(pair[0], pair[1]);
            p.clientKey = pair[0].register(selector, SelectionKey.OP_READ, p);
            p.targetKey = pair[1].register(selector, SelectionKey.OP_READ, p);
        }
    }

    /** Reads what {@code leg.from} has and writes it to {@code leg.to}; waits for writability if it must. */
    private static void pump(Leg leg, Pair p) throws IOException {
        SelectionKey toKey = leg.to == p.up.from ? p.clientKey : p.targetKey;
        while (true) {
            if (leg.buffer.position() == 0) {
                int n = leg.from.read(leg.buffer);
                if (n < 0) {
                    p.close();
                    return;
                }
                if (n == 0) {
                    return;
                }
            }
            leg.buffer.flip();
            leg.to.write(leg.buffer);
            if (leg.buffer.hasRemaining()) {
                leg.buffer.compact();
                toKey.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            leg.buffer.clear();
        }
    }
}
