package io.sentinel.app.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A deliberately small HTTP/1.0 client over a socket whose LOCAL address the test chooses (a
 * loopback alias such as 127.0.0.5), so that "the client" and "the proxy" have different
 * addresses on one machine. HTTPS trusts exactly the given certificate and checks the host name.
 */
final class RawHttp {

    record Response(int status, Map<String, List<String>> headers, byte[] body, String protocol, String cipher) {

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        String first(String name) {
            List<String> v = all(name);
            return v.isEmpty() ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final InetAddress local;
    private final SSLContext tls;
    private String[] protocols;

    RawHttp(String localAddress, Path trustedCertificate) {
        try {
            this.local = InetAddress.getByName(localAddress);
            if (trustedCertificate == null) {
                this.tls = null;
                return;
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(trustedCertificate)) {
                Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
                trust.setCertificateEntry("edge", cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            this.tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    RawHttp onlyProtocols(String... enabled) {
        this.protocols = enabled;
        return this;
    }

    Response https(int port, String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        return exchange(true, port, method, path, headers, body);
    }

    Response http(int port, String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        return exchange(false, port, method, path, headers, body);
    }

    private Response exchange(boolean secure, int port, String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(local, 0));
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 3000);
        plain.setSoTimeout(15_000);
        Socket chosen = plain;
        String protocol = null;
        String cipher = null;
        if (secure) {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", port, true);
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            if (protocols != null) {
                params.setProtocols(protocols);
            }
            ssl.setSSLParameters(params);
            ssl.startHandshake();
            protocol = ssl.getSession().getProtocol();
            cipher = ssl.getSession().getCipherSuite();
            chosen = ssl;
        }
        try (Socket socket = chosen) {
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "localhost:" + port);
            all.put("Connection", "close");
            if (body != null) {
                all.put("Content-Length", String.valueOf(body.length));
            }
            all.putAll(headers);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.0\r\n");
            all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException refusedMidBody) {
                    // the server may answer (413) and close before reading a large body
                }
            }
            out.flush();
            return read(socket.getInputStream(), protocol, cipher);
        }
    }

    private static Response read(InputStream in, String protocol, String cipher) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        try {
            while ((n = in.read(chunk)) > 0) {
                buf.write(chunk, 0, n);
            }
        } catch (IOException closedAbruptly) {
            if (buf.size() == 0) {
                throw closedAbruptly;
            }
        }
        byte[] raw = buf.toByteArray();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response head: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Response(status, headers, body, protocol, cipher);
    }
}
