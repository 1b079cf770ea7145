package io.sentinel.controller.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the S3 client puts on the wire, seen by a plain HTTP server: the evidence bytes as the
 * body, unframed, with their SHA-256 signed — so that servers which do not decode the SDK's
 * aws-chunked framing (the stack trial's s3rver-based MinIO stand-in stored the chunk headers
 * inside the pcapng) keep the file exactly.
 */
class S3EvidenceStoreWireTest {

    record Put(String path, Map<String, List<String>> headers, byte[] body) {}

    @Test
    void anUploadIsThePlainFileWithItsPayloadHashSigned() throws Exception {
        List<Put> puts = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            puts.add(new Put(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
            ex.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            byte[] file = new byte[300_000]; // several of the SDK's 128 KiB chunks
            new Random(7).nextBytes(file);
            file[0] = 0x0a; file[1] = 0x0d; file[2] = 0x0d; file[3] = 0x0a;
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
            var store = new S3EvidenceStore(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "evidence-bucket",
                    "trialaccesskey", "trialsecretkey0123456789");
            store.put("evidence/2026/12/02/a1/s1-1.pcapng", file, sha);

            assertThat(puts).hasSize(1);
            Put put = puts.getFirst();
            assertThat(put.path()).isEqualTo("/evidence-bucket/evidence/2026/12/02/a1/s1-1.pcapng");
            assertThat(put.body()).as("the body is the file itself, not aws-chunked frames").isEqualTo(file);
            Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            put.headers().forEach((k, v) -> h.put(k, v.getFirst()));
            assertThat(h.get("x-amz-content-sha256")).isEqualTo(sha);
            assertThat(h.getOrDefault("Content-Encoding", "")).doesNotContain("aws-chunked");
            assertThat(h.get("x-amz-meta-sha256")).isEqualTo(sha);
            assertThat(h.get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=trialaccesskey/");
        } finally {
            server.stop(0);
        }
    }
}
