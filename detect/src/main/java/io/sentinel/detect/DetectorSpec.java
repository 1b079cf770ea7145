package io.sentinel.detect;

import io.sentinel.wifi.Subtype;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a detector declares about itself, in one place beside its code: the configuration
 * section name, the alert types it raises, the frame subtypes it wants (empty: every record,
 * also undecodable ones), its parameters with defaults, its severity model and ATT&CK ids, and
 * for each alert type its {@link AlertPolicy} (incident grouping, hold, rate and burst limits).
 * The engine refuses a finding whose type is not in {@link #alertTypes()}.
 */
public record DetectorSpec(
        String name,
        List<String> alertTypes,
        Set<Subtype> subtypes,
        List<Param> params,
        String severityModel,
        List<String> mitre,
        String description,
        List<AlertPolicy> policies) {

    public DetectorSpec {
        alertTypes = List.copyOf(alertTypes);
        List<AlertPolicy> full = new ArrayList<>();
        for (String t : alertTypes) {
            AlertPolicy declared = null;
            for (AlertPolicy p : policies) if (p.type().equals(t)) declared = p;
            full.add(declared != null ? declared : AlertPolicy.of(t));
        }
        for (AlertPolicy p : policies) {
            if (!alertTypes.contains(p.type())) throw new IllegalArgumentException(name + ": policy for undeclared type " + p.type());
        }
        policies = List.copyOf(full);
        subtypes = subtypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(subtypes));
        params = List.copyOf(params);
        mitre = List.copyOf(mitre);
    }

    /** A spec with the default policy for each alert type. */
    public DetectorSpec(String name, List<String> alertTypes, Set<Subtype> subtypes, List<Param> params,
                        String severityModel, List<String> mitre, String description) {
        this(name, alertTypes, subtypes, params, severityModel, mitre, description, List.of());
    }

    /** This spec with the given policies declared (types not named keep the default). */
    public DetectorSpec limits(AlertPolicy... declared) {
        return new DetectorSpec(name, alertTypes, subtypes, params, severityModel, mitre, description, List.of(declared));
    }

    public AlertPolicy policy(String type) {
        for (AlertPolicy p : policies) if (p.type().equals(type)) return p;
        return null;
    }

    public boolean wantsEveryRecord() { return subtypes.isEmpty(); }

    public Param param(String name) {
        for (Param p : params) if (p.name().equals(name)) return p;
        return null;
    }
}
