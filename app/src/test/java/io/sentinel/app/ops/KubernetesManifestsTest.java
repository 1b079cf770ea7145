package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** ops/k8s: probes, hardening, secrets by reference, zero-trust NetworkPolicies, autoscaling. */
class KubernetesManifestsTest {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|TOKEN|KEY|_URL).*");
    /** Variables whose secret has another name in ops/.env (the compose file maps them the same way). */
    private static final Map<String, String> FROM_ENV_FILE = Map.of("S3_ACCESS_KEY_ID", "MINIO_APP_ACCESS_KEY",
            "S3_SECRET_ACCESS_KEY", "MINIO_APP_SECRET_KEY", "S3_BUCKET", "MINIO_BUCKET");
    private final List<Map<String, Object>> docs = load();

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> k = Compose.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(RepoFiles.read("ops/k8s/kustomization.yaml")));
        try (Stream<Path> files = Files.list(RepoFiles.path("ops/k8s"))) {
            List<String> manifests = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).sorted().toList();
            assertThat((List<?>) k.get("resources")).map(String::valueOf).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void controllerIsReadyOnReadyzAndLiveOnHealth() {
        Map<String, Object> c = container(deployment("sentinel-controller"), "controller");
        assertThat(c.get("args")).isEqualTo(List.of("controller"));
        assertThat(path(c, "readinessProbe")).isEqualTo("/readyz");
        assertThat(path(c, "livenessProbe")).isEqualTo("/api/v1/health");
        Map<String, Object> service = find("Service", "controller");
        assertThat(String.valueOf(Compose.map(service.get("spec")).get("ports"))).contains("port=5000");
    }

    @Test
    void everyPodRunsNonRootReadOnlyWithoutPrivilegesAndWithLimits() {
        for (Map<String, Object> workload : List.of(deployment("sentinel-controller"), deployment("sentinel-worker"), find("Job", "sentinel-migrate"))) {
            Map<String, Object> pod = podSpec(workload);
            Map<String, Object> podSecurity = Compose.map(pod.get("securityContext"));
            assertThat(podSecurity).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
            assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
            for (Map<String, Object> c : allContainers(pod)) {
                Map<String, Object> sc = Compose.map(c.get("securityContext"));
                assertThat(sc).as("container %s", c.get("name"))
                        .containsEntry("readOnlyRootFilesystem", true)
                        .containsEntry("allowPrivilegeEscalation", false);
                assertThat(String.valueOf(sc.get("capabilities"))).isEqualTo("{drop=[ALL]}");
                assertThat(Compose.map(Compose.map(c.get("resources")).get("limits"))).as("limits of %s", c.get("name"))
                        .containsKey("memory");
                assertThat(String.valueOf(c.get("volumeMounts"))).contains("mountPath=/tmp");
            }
        }
    }

    @Test
    void migrationIsAJobAndTheDeploymentsWaitForTheSchema() {
        Map<String, Object> job = container(find("Job", "sentinel-migrate"), "migrate");
        assertThat(job.get("args")).isEqualTo(List.of("migrate"));
        for (String name : List.of("sentinel-controller", "sentinel-worker")) {
            List<?> init = (List<?>) podSpec(deployment(name)).get("initContainers");
            assertThat(Compose.map(init.get(0)).get("args")).isEqualTo(List.of("migrate", "validate"));
        }
    }

    @Test
    void secretsAreReferencedNeverInlined() {
        assertThat(docs).noneMatch(d -> "Secret".equals(d.get("kind")));
        for (Map<String, Object> d : docs) {
            if ("ConfigMap".equals(d.get("kind"))) {
                assertThat(Compose.map(d.get("data")).keySet()).noneMatch(k -> SECRET_NAME.matcher(k).matches());
            }
            if (List.of("Deployment", "Job").contains(d.get("kind"))) {
                for (Map<String, Object> c : allContainers(podSpec(d))) {
                    Object env = c.get("env");
                    for (Object e : env instanceof List<?> l ? l : List.of()) {
                        Map<String, Object> var = Compose.map(e);
                        if (SECRET_NAME.matcher(String.valueOf(var.get("name"))).matches()) {
                            assertThat(var).as("%s", var.get("name")).doesNotContainKey("value");
                            Map<String, Object> ref = Compose.map(Compose.map(var.get("valueFrom")).get("secretKeyRef"));
                            assertThat(ref).containsEntry("name", "sentinel-secrets")
                                    .containsEntry("key", FROM_ENV_FILE.getOrDefault(String.valueOf(var.get("name")), String.valueOf(var.get("name"))));
                        }
                    }
                }
            }
        }
    }

    @Test
    void controllerAndWorkerReachTheEvidenceStoreAsTheComposeFileDoes() {
        for (Map<String, Object> d : docs) {
            if (!"Deployment".equals(d.get("kind"))) continue;
            Map<String, Object> c = Compose.map(((List<?>) podSpec(d).get("containers")).get(0));
            assertThat(String.valueOf(c.get("env"))).as("%s", c.get("name"))
                    .contains("name=S3_BUCKET", "key=MINIO_BUCKET", "name=S3_ACCESS_KEY_ID", "key=MINIO_APP_ACCESS_KEY",
                            "name=S3_SECRET_ACCESS_KEY", "key=MINIO_APP_SECRET_KEY");
        }
        Map<String, Object> config = docs.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst().orElseThrow();
        assertThat(Compose.map(config.get("data"))).containsKeys("S3_ENDPOINT", "PCAP_RETENTION_DAYS", "PCAP_SENSOR_QUOTA_MB");
    }

    @Test
    void networkPoliciesDenyByDefaultAndOpenOnlyTheZeroTrustPaths() {
        Map<String, Object> deny = Compose.map(find("NetworkPolicy", "default-deny").get("spec"));
        assertThat(deny.get("podSelector")).isEqualTo(Map.of());
        assertThat(String.valueOf(deny.get("policyTypes"))).isEqualTo("[Ingress, Egress]");
        assertThat(deny).doesNotContainKeys("ingress", "egress");

        String toController = String.valueOf(find("NetworkPolicy", "controller-from-ingress-nginx").get("spec"));
        assertThat(toController).contains("ingress-nginx").contains("port=5000");
        String appEgress = String.valueOf(find("NetworkPolicy", "app-to-data-services").get("spec"));
        assertThat(appEgress).contains("port=5432").contains("port=6379").contains("port=9000");
        for (String data : List.of("postgres-from-app", "redis-from-app", "minio-from-app")) {
            String spec = String.valueOf(find("NetworkPolicy", data).get("spec"));
            assertThat(spec).as(data).contains("sentinel-controller").doesNotContain("ingress-nginx");
        }
        // no policy opens ingress to everyone
        for (Map<String, Object> d : docs) {
            if ("NetworkPolicy".equals(d.get("kind"))) {
                Object ingress = Compose.map(d.get("spec")).get("ingress");
                for (Object rule : ingress instanceof List<?> l ? l : List.of()) {
                    assertThat(Compose.map(rule)).as("%s", Compose.map(d.get("metadata")).get("name")).containsKey("from");
                }
            }
        }
    }

    @Test
    void controllerAndWorkerScaleHorizontally() {
        for (String name : List.of("sentinel-controller", "sentinel-worker")) {
            Map<String, Object> spec = Compose.map(find("HorizontalPodAutoscaler", name).get("spec"));
            assertThat(Compose.map(spec.get("scaleTargetRef"))).containsEntry("kind", "Deployment").containsEntry("name", name);
            assertThat((Integer) spec.get("maxReplicas")).isGreaterThan((Integer) spec.get("minReplicas"));
        }
    }

    private Map<String, Object> deployment(String name) {
        return find("Deployment", name);
    }

    private Map<String, Object> find(String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(Compose.map(d.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in ops/k8s"));
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return Compose.map(Compose.map(Compose.map(workload.get("spec")).get("template")).get("spec"));
    }

    private static List<Map<String, Object>> allContainers(Map<String, Object> pod) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : List.of("initContainers", "containers")) {
            Object list = pod.get(key);
            for (Object c : list instanceof List<?> l ? l : List.of()) {
                out.add(Compose.map(c));
            }
        }
        return out;
    }

    private static Map<String, Object> container(Map<String, Object> workload, String name) {
        return allContainers(podSpec(workload)).stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    private static String path(Map<String, Object> container, String probe) {
        return String.valueOf(Compose.map(Compose.map(container.get(probe)).get("httpGet")).get("path"));
    }

    private static List<Map<String, Object>> load() {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(RepoFiles.path("ops/k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(f))) {
                    if (doc != null) {
                        out.add(Compose.map(doc));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
