package io.sentinel.store.alert;

/** Result of acknowledging or resolving an alert. */
public sealed interface LifecycleResult {
    /** Done; the alert as it is now. */
    record Changed(Alert alert) implements LifecycleResult {}

    /** No alert has that id (404). */
    record NotFound() implements LifecycleResult {}

    /** The alert's status does not allow it, e.g. acknowledging a resolved alert (409). */
    record Conflict(Alert.Status current) implements LifecycleResult {}
}
