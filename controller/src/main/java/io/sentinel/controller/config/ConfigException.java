package io.sentinel.controller.config;

import java.util.List;

/** The environment describes a configuration the controller refuses to run with; one line per problem. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem names the variable and why it is refused, never the value. */
    public List<String> problems() {
        return problems;
    }
}
