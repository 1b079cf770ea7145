package io.sentinel.controller.health;

import java.util.List;

/** One readiness probe: returns the failed checks, each named ("schema drift: expected 7, found 5"). */
@FunctionalInterface
public interface ReadinessCheck {
    List<String> failures();
}
