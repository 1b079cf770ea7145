package io.sentinel.detect;

import io.sentinel.wifi.Subtype;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a detector declares about itself, in one place beside its code: the configuration
 * section name, the alert types it raises, the frame subtypes it wants (empty: every record,
 * also undecodable ones), its parameters with defaults, its severity model and ATT&CK ids.
 */
public record DetectorSpec(
        String name,
        List<String> alertTypes,
        Set<Subtype> subtypes,
        List<Param> params,
        String severityModel,
        List<String> mitre,
        String description) {

    public DetectorSpec {
        alertTypes = List.copyOf(alertTypes);
        subtypes = subtypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(subtypes));
        params = List.copyOf(params);
        mitre = List.copyOf(mitre);
    }

    public boolean wantsEveryRecord() { return subtypes.isEmpty(); }

    public Param param(String name) {
        for (Param p : params) if (p.name().equals(name)) return p;
        return null;
    }
}
