package io.sentinel.worker.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * RFC 3207 STARTTLS in front of GreenMail's SMTP server (GreenMail speaks plain SMTP and implicit
 * TLS only): it greets, offers STARTTLS, refuses mail before it, upgrades the connection with a
 * real TLS handshake, and then relays the encrypted session's SMTP dialogue to GreenMail.
 */
final class StartTlsProxy implements AutoCloseable {
    private final ServerSocket server;
    private final SSLContext tls;
    private final int upstreamPort;
    final AtomicInteger upgraded = new AtomicInteger();

    StartTlsProxy(SSLContext tls, int upstreamPort) throws IOException {
        this.tls = tls;
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket c = server.accept();
                    Thread.ofVirtual().start(() -> session(c));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private void session(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            write(out, "220 localhost ESMTP starttls front\r\n");
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.toUpperCase(java.util.Locale.ROOT);
                if (cmd.startsWith("EHLO")) {
                    write(out, "250-localhost\r\n250 STARTTLS\r\n");
                } else if (cmd.equals("STARTTLS")) {
                    write(out, "220 2.0.0 ready to start TLS\r\n");
                    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(client, "localhost", client.getPort(), true);
                    s.setUseClientMode(false);
                    s.startHandshake();
                    upgraded.incrementAndGet();
                    relay(s);
                    return;
                } else if (cmd.equals("QUIT")) {
                    write(out, "221 bye\r\n");
                    return;
                } else {
                    write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void relay(SSLSocket secure) throws IOException {
        try (Socket up = new Socket()) {
            up.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
            InputStream upIn = up.getInputStream();
            // GreenMail's own greeting: the client already had ours
            int b;
            while ((b = upIn.read()) >= 0 && b != '\n') {
                // skip
            }
            Thread back = Thread.ofVirtual().start(() -> pump(upIn, out(secure)));
            pump(secure.getInputStream(), up.getOutputStream());
            try {
                back.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static OutputStream out(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(InputStream in, OutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
