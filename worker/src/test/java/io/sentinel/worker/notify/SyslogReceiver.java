package io.sentinel.worker.notify;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A syslog collector: TCP or TLS with RFC 5425 / RFC 6587 octet-counted frames (it reads frames
 * until the sender closes, then closes its side, as rsyslog does), or UDP datagrams. It keeps the
 * raw message bytes.
 */
final class SyslogReceiver implements AutoCloseable {
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    private final SSLContext tls;
    private final boolean udp;
    private ServerSocket server;
    private DatagramSocket datagrams;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private int port;

    SyslogReceiver(SSLContext tls, boolean udp) throws IOException {
        this.tls = tls;
        this.udp = udp;
        start(0);
    }

    static SyslogReceiver tcp() throws IOException {
        return new SyslogReceiver(null, false);
    }

    static SyslogReceiver tls(SSLContext ctx) throws IOException {
        return new SyslogReceiver(ctx, false);
    }

    static SyslogReceiver udp() throws IOException {
        return new SyslogReceiver(null, true);
    }

    int port() {
        return port;
    }

    List<String> texts() {
        return messages.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private void start(int p) throws IOException {
        running = true;
        if (udp) {
            datagrams = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
            port = datagrams.getLocalPort();
            Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[65_535];
                while (running) {
                    try {
                        DatagramPacket d = new DatagramPacket(buf, buf.length);
                        datagrams.receive(d);
                        messages.add(java.util.Arrays.copyOf(d.getData(), d.getLength()));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return;
        }
        server = tls != null ? tls.getServerSocketFactory().createServerSocket() : new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
        port = server.getLocalPort();
        ServerSocket s = server;
        Thread.ofVirtual().start(() -> {
            while (running) {
                try {
                    Socket c = s.accept();
                    Thread.ofVirtual().start(() -> session(c));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void session(Socket c) {
        open.add(c);
        try (c) {
            DataInputStream in = new DataInputStream(c.getInputStream());
            while (running) {
                int len = readLength(in);
                if (len < 0) {
                    break; // end of stream: everything was read, close our side
                }
                byte[] msg = new byte[len];
                in.readFully(msg);
                messages.add(msg);
            }
        } catch (IOException e) {
            // a killed receiver: the connection dies with it
        } finally {
            open.remove(c);
        }
    }

    /** MSG-LEN SP, or -1 at a clean end of stream. */
    private static int readLength(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (digits.size() == 0) {
                    return -1;
                }
                throw new EOFException("stream ended inside a frame length");
            }
            if (b == ' ') {
                return Integer.parseInt(digits.toString(StandardCharsets.US_ASCII));
            }
            if (b < '0' || b > '9' || digits.size() > 9) {
                throw new IOException("bad frame length");
            }
            digits.write(b);
        }
    }

    /** Stops at once (sessions are cut: what they were sent is lost, as with a killed collector). */
    void kill() throws IOException {
        running = false;
        if (udp) {
            datagrams.close();
        } else {
            server.close();
            for (Socket c : open) {
                try {
                    c.setSoLinger(true, 0); // like a killed process with unread data: the peer gets a reset
                    c.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    void restart() throws IOException {
        start(port);
    }

    @Override
    public void close() throws IOException {
        kill();
    }
}
