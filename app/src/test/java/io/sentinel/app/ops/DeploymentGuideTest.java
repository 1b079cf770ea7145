package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.app.Sentinel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** docs/deployment.md and docs/operations.md name only things that exist in this checkout. */
class DeploymentGuideTest {

    private static final Pattern REPO_PATH = Pattern.compile("(?<![\\w/.-])((?:ops|docs|bin|scripts|app)/[A-Za-z0-9_./-]*[A-Za-z0-9_/])");
    /** Files the guide tells the reader to create. */
    private static final Set<String> CREATED_BY_THE_READER = Set.of(
            "ops/.env", "ops/nginx/certs/fullchain.pem", "ops/nginx/certs/privkey.pem", "ops/nginx/certs");
    private static final Pattern SENTINEL_COMMAND = Pattern.compile("`sentinel ([a-z]+)(?: ([a-z]+))?");
    private static final Pattern COMPOSE_MIGRATION_RUN = Pattern.compile("run --rm migration migrate ([a-z]+)");
    private static final Pattern SCRIPT_CALL = Pattern.compile("(ops/[A-Za-z0-9_/.-]+\\.sh)((?:[ \\t]+(?:\\\\\\n[ \\t]*)?[^|;&\\n]*)*)");
    private static final Pattern OPTION = Pattern.compile("(?<=\\s)(--[a-z][a-z-]*)");
    private static final Pattern COMPOSE_VERB = Pattern.compile(
            "(?:\\bdc|docker compose -f ops/docker-compose\\.prod\\.yml)\\s+(logs(?: -f)?(?: --tail=\\d+)?|stop|restart|run --rm|exec|up -d --scale)\\s+([a-z][a-z0-9=-]*(?:[ \\t]+[a-z][a-z0-9=-]*)*)");
    private static final Pattern ENV_NAME = Pattern.compile("`([A-Z][A-Z0-9]*_[A-Z0-9_]+)");
    private static final Pattern LINK = Pattern.compile("\\]\\(([a-z-]+\\.md)(?:#([a-z0-9-]+))?\\)");

    @ParameterizedTest
    @ValueSource(strings = {"docs/deployment.md", "docs/operations.md"})
    void everyPathItNamesExists(String doc) {
        Matcher m = REPO_PATH.matcher(RepoFiles.read(doc));
        Set<String> missing = new LinkedHashSet<>();
        while (m.find()) {
            String p = m.group(1).replaceAll("[./]+$", "");
            if (!CREATED_BY_THE_READER.contains(p) && !Files.exists(RepoFiles.path(p))) {
                missing.add(p);
            }
        }
        assertThat(missing).as("paths named in %s that do not exist", doc).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/deployment.md", "docs/operations.md"})
    void everySentinelCommandItNamesExists(String doc) {
        String text = RepoFiles.read(doc);
        CommandLine root = Sentinel.commandLine();
        List<String> commands = new ArrayList<>();
        Matcher m = SENTINEL_COMMAND.matcher(text);
        while (m.find()) {
            commands.add(m.group(1) + (m.group(2) == null ? "" : " " + m.group(2)));
        }
        Matcher run = COMPOSE_MIGRATION_RUN.matcher(text);
        while (run.find()) {
            commands.add("migrate " + run.group(1));
        }
        assertThat(commands).isNotEmpty();
        for (String command : commands) {
            String[] words = command.split(" ");
            CommandLine sub = root.getSubcommands().get(words[0]);
            assertThat(sub).as("`sentinel %s` in %s", words[0], doc).isNotNull();
            if (words.length > 1 && !sub.getSubcommands().isEmpty()) {
                assertThat(sub.getSubcommands()).as("`sentinel %s` in %s", command, doc).containsKey(words[1]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/deployment.md", "docs/operations.md"})
    void everyScriptOptionItUsesIsHandledByTheScript(String doc) {
        Matcher m = SCRIPT_CALL.matcher(RepoFiles.read(doc));
        int calls = 0;
        while (m.find()) {
            Path script = RepoFiles.path(m.group(1));
            assertThat(script).as("script named in %s", doc).exists();
            assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
            String source = RepoFiles.read(m.group(1));
            Matcher o = OPTION.matcher(" " + m.group(2));
            while (o.find()) {
                assertThat(source).as("%s handles %s (used in %s)", m.group(1), o.group(1), doc).contains(o.group(1) + ")");
            }
            calls++;
        }
        assertThat(calls).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/deployment.md", "docs/operations.md"})
    void everyComposeServiceItNamesExists(String doc) {
        Set<String> services = Compose.load("ops/docker-compose.prod.yml").services().keySet();
        Matcher m = COMPOSE_VERB.matcher(RepoFiles.read(doc));
        while (m.find()) {
            String verb = m.group(1);
            String[] words = m.group(2).strip().split("[ \\t]+");
            List<String> named = verb.startsWith("run") || verb.startsWith("exec") ? List.of(words[0])
                    : verb.startsWith("up") ? List.of(words[0].split("=")[0])
                    : List.of(words);
            assertThat(services).as("services after `%s` in %s", verb, doc).containsAll(named);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/deployment.md", "docs/operations.md"})
    void everyVariableItNamesIsInTheEnvExampleOrAScript(String doc) throws IOException {
        Set<String> known = new LinkedHashSet<>(EnvFiles.parse(RepoFiles.read("ops/.env.prod.example")).keySet());
        StringBuilder scripts = new StringBuilder();
        try (Stream<Path> files = Files.walk(RepoFiles.path("ops"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sh") || p.toString().endsWith(".yml")).toList()) {
                scripts.append(Files.readString(f));
            }
        }
        Matcher m = ENV_NAME.matcher(RepoFiles.read(doc));
        while (m.find()) {
            String name = m.group(1);
            assertThat(known.contains(name) || scripts.toString().contains(name))
                    .as("variable %s named in %s", name, doc).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/deployment.md", "docs/operations.md"})
    void linksBetweenThePagesResolve(String doc) {
        Matcher m = LINK.matcher(RepoFiles.read(doc));
        while (m.find()) {
            Path target = RepoFiles.path("docs/" + m.group(1));
            assertThat(target).as("link in %s", doc).exists();
            if (m.group(2) != null) {
                List<String> anchors = RepoFiles.read("docs/" + m.group(1)).lines().filter(l -> l.startsWith("#"))
                        .map(l -> l.replaceAll("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                        .toList();
                assertThat(anchors).as("anchor #%s in %s", m.group(2), m.group(1)).contains(m.group(2));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/deployment.md"})
    void theGuideCoversEveryStep(String doc) {
        String text = RepoFiles.read(doc);
        for (String step : List.of("openssl rand -hex 32", "ops/generate-env.sh", "make-selfsigned-cert.sh",
                "docker compose -f ops/docker-compose.prod.yml up -d", "service_completed_successfully", "/readyz",
                "-X POST https://sentinel.example.com/api/v1/sensors", "--scale worker=", "ops/backup/backup.sh", "operations.md", "kubectl apply -k ops/k8s")) {
            assertThat(text).as("%s mentions %s", doc, step).contains(step);
        }
    }
}
