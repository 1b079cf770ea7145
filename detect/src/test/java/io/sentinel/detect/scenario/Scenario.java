package io.sentinel.detect.scenario;

import io.sentinel.detect.DetectionConfig;
import io.sentinel.testkit.Air;
import java.util.Random;
import java.util.Set;

/**
 * One labelled capture of the scenario suite: what it contains, the alert types it must raise
 * (empty for benign traffic), the configuration it runs with, and how to write it.
 */
public record Scenario(String name, String description, Set<String> expected, DetectionConfig config, Writer writer) {

    /** Writes the scenario's frames into the air from {@code start}. */
    @FunctionalInterface
    public interface Writer {
        void write(Air air, long start, Random random);
    }

    /** The scenario's capture, deterministic for a seed. */
    public Air air(long start, long seed) {
        Air air = new Air();
        writer.write(air, start, new Random(seed));
        return air;
    }
}
