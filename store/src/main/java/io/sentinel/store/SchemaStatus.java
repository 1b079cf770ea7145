package io.sentinel.store;

import java.util.List;
import java.util.Optional;

/**
 * What readiness needs to know about the schema.
 *
 * @param expectedVersion the migration version this build expects
 * @param currentVersion the latest successfully applied version, empty for an empty database
 * @param missingTables critical tables that do not exist
 * @param problems human-readable failures, e.g. {@code schema drift: expected 3, found 2};
 *     empty when the schema is ready
 */
public record SchemaStatus(int expectedVersion, Optional<Integer> currentVersion, List<String> missingTables,
        List<String> problems) {

    public SchemaStatus {
        missingTables = List.copyOf(missingTables);
        problems = List.copyOf(problems);
    }

    /** True when the schema is at the expected version, valid and complete. */
    public boolean ready() {
        return problems.isEmpty();
    }
}
