package io.sentinel.worker.notify.transport;

import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.notify.ChannelSettings;
import io.sentinel.worker.notify.Message;
import io.sentinel.worker.notify.format.CefFormat;
import io.sentinel.worker.notify.format.EcsJson;
import io.sentinel.worker.notify.format.Rfc5424;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * RFC 5424 syslog over UDP (RFC 5426), TCP (RFC 6587 octet counting) or TLS (RFC 5425, server
 * certificate and host name verified, client certificate when configured).
 *
 * <p>Plain syslog has no acknowledgement, so a write that succeeded says nothing about the
 * receiver: over TCP and TLS each batch therefore goes over its own connection, which the sender
 * half-closes after the last message and then waits for the receiver to close its side. A
 * receiver closes only after it has read everything up to the end of the stream, so that close
 * confirms the batch; a reset or a timeout instead leaves the whole batch to be sent again (with
 * the same message ids). UDP is fire-and-forget: it is counted as delivered once sent.
 */
public final class SyslogTransport implements Transport {
    private final ChannelSettings.Syslog settings;
    private final Rfc5424.Header header;
    private final String version;
    private final Optional<SSLContext> tls;
    private final String target;

    public SyslogTransport(ChannelSettings.Syslog settings, Map<String, String> secrets, String localHostname,
            String version) throws GeneralSecurityException {
        this.settings = settings;
        this.version = version;
        this.header = new Rfc5424.Header(settings.facility(), settings.hostname().orElse(localHostname),
                settings.appName(), Long.toString(ProcessHandle.current().pid()), settings.sdId(), settings.utf8Bom());
        this.tls = settings.transport() == ChannelSettings.Transport.TLS
                ? Optional.of(TlsContexts.client(settings.caPem(), settings.clientCertPem(),
                        Optional.ofNullable(secrets.get("client_key_pem"))))
                : Optional.empty();
        this.target = settings.transport().name().toLowerCase(java.util.Locale.ROOT) + "://" + settings.host() + ":"
                + settings.port();
    }

    /** One message as sent (before transport framing), within the channel's size limit. */
    public byte[] encode(Message m) {
        String body = switch (settings.format()) {
            case CEF -> CefFormat.format(m, version);
            case JSON -> EcsJson.format(m, version);
        };
        byte[] out = Rfc5424.message(header, m, body);
        if (out.length > settings.maxMessageBytes() && settings.format() == ChannelSettings.Format.JSON) {
            out = Rfc5424.message(header, m, Wire.writeString(EcsJson.document(m, version, false)));
        }
        if (out.length > settings.maxMessageBytes()) {
            out = truncateUtf8(out, settings.maxMessageBytes());
        }
        return out;
    }

    @Override
    public Result send(List<Message> batch, long deadline) {
        if (batch.isEmpty()) {
            return Result.all(0);
        }
        try {
            if (settings.transport() == ChannelSettings.Transport.UDP) {
                sendUdp(batch);
            } else {
                sendStream(batch);
            }
            return Result.all(batch.size());
        } catch (SocketTimeoutException e) {
            return Result.failed(0, Failure.down("timed out after " + settings.timeoutSeconds() + " s at " + target));
        } catch (javax.net.ssl.SSLException e) {
            return Result.failed(0, Failure.down("TLS failure at " + target + ": " + e.getMessage()));
        } catch (IOException e) {
            return Result.failed(0, Failure.down(e.getClass().getSimpleName() + " at " + target
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
    }

    private void sendUdp(List<Message> batch) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(settings.host(), settings.port());
            for (Message m : batch) {
                byte[] b = encode(m);
                socket.send(new DatagramPacket(b, b.length, to));
            }
        }
    }

    private void sendStream(List<Message> batch) throws IOException {
        int timeout = settings.timeoutSeconds() * 1000;
        Socket plain = new Socket();
        try (plain) {
            plain.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
            plain.setSoTimeout(timeout);
            Socket socket = plain;
            if (tls.isPresent()) {
                SSLSocket s = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, settings.host(),
                        settings.port(), true);
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                String name = settings.serverName().orElse(settings.host());
                if (!name.matches("[0-9.]+|.*:.*")) {
                    p.setServerNames(List.of(new SNIHostName(name)));
                }
                s.setSSLParameters(p);
                s.startHandshake();
                socket = s;
            }
            OutputStream out = socket.getOutputStream();
            for (Message m : batch) {
                out.write(Rfc5424.octetCounted(encode(m)));
            }
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[512];
            long deadline = System.nanoTime() + timeout * 1_000_000L;
            while (in.read(sink) >= 0) {
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("receiver did not close");
                }
            }
            if (socket != plain) {
                socket.close();
            }
        }
    }

    static byte[] truncateUtf8(byte[] b, int max) {
        int n = max;
        while (n > 0 && (b[n] & 0xC0) == 0x80) {
            n--; // never cut a multi-byte character
        }
        return Arrays.copyOf(b, n);
    }

    @Override
    public String toString() {
        return "syslog " + target + " " + settings.format().name().toLowerCase(java.util.Locale.ROOT);
    }
}
