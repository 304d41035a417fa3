package ua.itdesk.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between the agent and one stand-in, to take that stand-in off the network and back without
 * restarting it (its state, and the agent's credentials for it, stay as they were): {@link #cut()} closes the
 * listening port and every open connection, as a crashed or unplugged server would; {@link #restore()} listens on the
 * same port again. The bytes pass untouched, so TLS runs end to end.
 */
public final class TcpGate implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private TcpGate(InetSocketAddress target, int port) {
        this.target = target;
        this.port = port;
    }

    /** Opens on a free loopback port in front of {@code host:targetPort}. */
    public static TcpGate open(String host, int targetPort) {
        try {
            ServerSocket first = listen(0);
            TcpGate gate = new TcpGate(new InetSocketAddress(host, targetPort), first.getLocalPort());
            gate.accept(first);
            return gate;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and drops the open ones. */
    public synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        open.forEach(TcpGate::closeQuietly);
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (listener == null) {
            try {
                accept(listen(port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket socket) {
        listener = socket;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket server = new Socket();
                    server.connect(target, 2_000);
                    open.add(client);
                    open.add(server);
                    pump(client, server);
                    pump(server, client);
                } catch (IOException e) {
                    // the listener was closed by cut(), or the target refused: the client sees its connection end
                }
            }
        }, "tcp-gate-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away; closing both ends tells the other
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-gate-pump-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
