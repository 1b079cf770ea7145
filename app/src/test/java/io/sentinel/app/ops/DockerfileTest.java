package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ops/Dockerfile read as text (no Docker engine here): the stages, the runtime user, the
 * distribution layout the launcher expects, and COPY sources that exist, for every module.
 */
class DockerfileTest {

    private static final String DOCKERFILE = RepoFiles.read("ops/Dockerfile");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?!--from)(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void buildsWithMavenOnJdk25AndRunsOnTheTemurin25Jre() {
        Matcher m = FROM.matcher(DOCKERFILE);
        List<String> stages = new ArrayList<>();
        while (m.find()) {
            stages.add(m.group(1) + " " + m.group(2));
        }
        assertThat(stages).containsExactly("${BUILD_IMAGE} build", "scratch prebuilt", "${DIST} dist", "${RUNTIME_IMAGE} runtime");
        assertThat(DOCKERFILE).contains("ARG DIST=build");
        assertThat(DOCKERFILE).contains("ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-25")
                .contains("ARG RUNTIME_IMAGE=eclipse-temurin:25-jre")
                .contains("scripts/mvn -q -DskipTests -pl app -am package");
    }

    @Test
    void noSyntaxDirectiveSoNoFrontendImageIsFetched() {
        // `# syntax=...` makes BuildKit pull a frontend image: offline builds fail on it
        assertThat(DOCKERFILE).doesNotContainPattern("(?m)^#\\s*syntax\\s*=");
    }

    @Test
    void theOfflinePathCopiesTheHostsDistributionInTheSameLayout() {
        String prebuilt = DOCKERFILE.substring(DOCKERFILE.indexOf("AS prebuilt"), DOCKERFILE.indexOf("AS dist"));
        assertThat(prebuilt).contains("COPY app/target/sentinel.jar /dist/app/target/sentinel.jar")
                .contains("COPY app/target/lib/ /dist/app/target/lib/")
                .contains("COPY bin/sentinel /dist/bin/sentinel")
                .contains("COPY scripts/find-jdk.sh /dist/scripts/find-jdk.sh");
        assertThat(RepoFiles.read("ops/Dockerfile.dockerignore")).contains("!app/target/sentinel.jar").contains("!app/target/lib");
    }

    @Test
    void theRuntimeRunsAsANumericNonRootUserWithAHealthcheckAndLabels() {
        String runtime = DOCKERFILE.substring(DOCKERFILE.indexOf("AS runtime"));
        assertThat(runtime).containsPattern("(?m)^USER 10001:10001$");
        assertThat(runtime).contains("HEALTHCHECK").contains("sentinel-healthcheck\", \"/api/v1/health\"");
        assertThat(runtime).contains("org.opencontainers.image.title").contains("org.opencontainers.image.version")
                .contains("org.opencontainers.image.revision");
        assertThat(runtime).contains("SENTINEL_DATA_DIR=/var/lib/sentinel").contains("VOLUME [\"/var/lib/sentinel\"]")
                .contains("-Djava.io.tmpdir=/tmp");
        assertThat(runtime).contains("ENTRYPOINT [\"/opt/sentinel/bin/sentinel\"]");
    }

    @Test
    void theDistributionKeepsTheLayoutTheLauncherExpects() {
        assertThat(DOCKERFILE)
                .contains("cp -r app/target/sentinel.jar app/target/lib /dist/app/target/")
                .contains("cp bin/sentinel /dist/bin/ && cp scripts/find-jdk.sh /dist/scripts/")
                .contains("COPY --from=dist /dist/ /opt/sentinel/")
                .contains("JAVA_HOME=/opt/java/openjdk");
        // the launcher looks for the jar there, and find-jdk.sh honours JAVA_HOME first
        assertThat(RepoFiles.read("bin/sentinel")).contains("$root/app/target/sentinel.jar").contains("scripts/find-jdk.sh");
        assertThat(RepoFiles.read("scripts/find-jdk.sh")).contains("\"${JAVA_HOME:-}\"");
    }

    @Test
    void everyCopySourceExistsAndEveryModuleIsCopied() {
        Matcher c = COPY.matcher(DOCKERFILE);
        List<String> sources = new ArrayList<>();
        while (c.find()) {
            sources.add(c.group(1).replaceAll("/$", ""));
        }
        // build outputs (the offline path's distribution) exist only after `package`: the stack trial builds from them
        sources.removeIf(source -> source.contains("/target/"));
        for (String source : sources) {
            assertThat(RepoFiles.path(source)).as("COPY source %s", source).exists();
        }
        Matcher mod = MODULE.matcher(RepoFiles.read("pom.xml"));
        while (mod.find()) {
            String module = mod.group(1);
            assertThat(sources).as("module %s's pom is copied (the reactor reads every module)", module).contains(module + "/pom.xml");
            assertThat(sources).as("module %s's sources are copied", module).contains(module + "/src");
        }
    }
}
