package io.sentinel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/detections.md documents every detector with the parameter names, defaults and ATT&CK ids of the code. */
class DetectionsDocTest {

    static String doc() throws Exception {
        Path p = Path.of("../docs/detections.md");
        if (!Files.exists(p)) p = Path.of("docs/detections.md");
        return Files.readString(p);
    }

    @Test
    void catalogueDocumentsEveryDetectorParameterWithItsDefault() throws Exception {
        String doc = doc();
        for (Detectors.Entry e : Detectors.catalogue()) {
            DetectorSpec s = e.spec();
            assertThat(doc).contains("### `" + s.name() + "`");
            for (Param p : s.params()) {
                String unit = p.unit().equals("count") || p.unit().equals("ratio") ? "" : " " + p.unit();
                assertThat(doc).as(s.name() + "." + p.name()).contains("| `" + s.name() + "." + p.name() + "` | " + p.defaultValue() + unit + " |");
            }
            for (String id : s.mitre()) assertThat(doc).as(s.name() + " " + id).contains("MITRE: ").contains(id);
        }
    }
}
