package io.sentinel.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the migrations this build ships do, read from them rather than kept by hand beside them:
 * each version and the tables it creates or drops. SQL migrations are the
 * {@code db/migration/V<n>__<description>.sql} resources; the Java migration
 * {@link io.sentinel.store.migration.V2__Telemetry} runs one of the {@code db/telemetry} scripts
 * (native partitions or TimescaleDB), and counts as creating the tables both create.
 *
 * <p>A table counts as created by {@code CREATE TABLE name (...)}; partitions
 * ({@code CREATE TABLE x PARTITION OF ...}) and tables created by dynamic SQL at run time are not
 * part of the schema's expectations.
 */
final class MigrationCatalog {
    static final String LOCATION = "db/migration";
    private static final Pattern FILE = Pattern.compile("V([0-9]{1,6})__([A-Za-z0-9_]+)\\.sql");
    private static final Pattern CREATE = Pattern.compile(
            "(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)\\s*\\(");
    private static final Pattern DROP = Pattern.compile(
            "(?i)\\bDROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern COMMENT = Pattern.compile("--[^\\n]*");
    /** The Java migrations' versions and the scripts each may run. */
    private static final Map<Integer, List<String>> JAVA = Map.of(2, List.of("db/telemetry/native.sql",
            "db/telemetry/timescale.sql"));

    /** One migration: its version and the tables it creates and drops. */
    record Step(int version, Set<String> creates, Set<String> drops) {}

    private MigrationCatalog() {}

    /** Every migration of this build, by version. */
    static List<Step> load() {
        Map<Integer, Step> steps = new TreeMap<>();
        for (String name : sqlMigrations()) {
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                continue; // Flyway would refuse a misnamed file itself
            }
            int version = Integer.parseInt(m.group(1));
            String sql = text(LOCATION + "/" + name);
            if (steps.put(version, new Step(version, tables(CREATE, sql), tables(DROP, sql))) != null) {
                throw new IllegalStateException("two migrations of version " + version);
            }
        }
        JAVA.forEach((version, scripts) -> {
            Set<String> creates = null;
            for (String script : scripts) {
                Set<String> t = tables(CREATE, text(script));
                if (creates == null) {
                    creates = t;
                } else {
                    creates.retainAll(t);
                }
            }
            if (steps.put(version, new Step(version, creates, Set.of())) != null) {
                throw new IllegalStateException("two migrations of version " + version);
            }
        });
        return List.copyOf(steps.values());
    }

    /** The highest version. */
    static int latestVersion(List<Step> steps) {
        return steps.getLast().version();
    }

    /** The tables the schema has after every migration ran, in creation order. */
    static List<String> tablesAfterAll(List<Step> steps) {
        Set<String> tables = new LinkedHashSet<>();
        for (Step s : steps) {
            tables.addAll(s.creates());
            tables.removeAll(s.drops());
        }
        return List.copyOf(tables);
    }

    private static Set<String> tables(Pattern p, String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(COMMENT.matcher(sql).replaceAll(""));
        while (m.find()) {
            out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    private static String text(String resource) {
        try (InputStream in = MigrationCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + resource + " not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file names under {@code db/migration} in every classpath entry that has it. */
    private static List<String> sqlMigrations() {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> dirs = MigrationCatalog.class.getClassLoader().getResources(LOCATION);
            for (URL dir : Collections.list(dirs)) {
                names.addAll(list(dir.toURI()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Collections.sort(names);
        return names;
    }

    private static List<String> list(URI dir) throws IOException {
        if ("jar".equals(dir.getScheme())) {
            String s = dir.toString();
            URI jar = URI.create(s.substring(0, s.indexOf("!/")));
            FileSystem fs;
            boolean mine = false;
            try {
                fs = FileSystems.newFileSystem(jar, Map.of());
                mine = true;
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(jar);
            }
            try {
                return names(fs.getPath("/" + LOCATION));
            } finally {
                if (mine) {
                    fs.close();
                }
            }
        }
        return names(Path.of(dir));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).toList();
        }
    }
}
