package io.sentinel.detect.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.detect.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The labelled suite: every scenario raises exactly its expected alert types (benign ones none),
 * and the per-type precision and recall over the suite are 1.0. The table printed here is the one
 * in docs/detections.md.
 */
class ScenarioSuiteTest {

    @Test
    void everyScenarioRaisesExactlyItsExpectedAlertTypes() {
        Map<String, int[]> perType = new TreeMap<>(); // tp, fp, fn
        List<String> problems = new ArrayList<>();
        for (Scenario s : Scenarios.all()) {
            List<Alert> alerts = Replay.alerts(s.air(Scenarios.START, 42), s.config());
            Set<String> raised = new TreeSet<>();
            for (Alert a : alerts) raised.add(a.type());
            for (String t : raised) {
                int[] c = perType.computeIfAbsent(t, k -> new int[3]);
                if (s.expected().contains(t)) c[0]++; else c[1]++;
            }
            for (String t : s.expected()) if (!raised.contains(t)) perType.computeIfAbsent(t, k -> new int[3])[2]++;
            if (!raised.equals(s.expected())) {
                problems.add(s.name() + ": expected " + s.expected() + " raised " + raised);
                for (Alert a : alerts) problems.add("    " + a.toString());
            }
        }
        StringBuilder table = new StringBuilder("| alert type | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|\n");
        perType.forEach((t, c) -> table.append(String.format("| `%s` | %d | %d | %d | %.2f | %.2f |%n", t, c[0], c[1], c[2],
                c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]), c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]))));
        System.out.println(table);
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }
}
