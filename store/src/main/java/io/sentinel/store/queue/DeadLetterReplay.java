package io.sentinel.store.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays dead letters onto their queue after the cause was fixed, the same way for the
 * controller's API and {@code sentinel queue dead-letters replay} against Redis: in the order
 * given, stopping at the first refusal of a full queue (the rest stay dead letters).
 */
public final class DeadLetterReplay {

    /** A replayed dead letter and the id of its new queue entry. */
    public record Replayed(String id, String entryId) {}

    /**
     * What a replay did.
     *
     * @param replayed  dead letters put back, in order
     * @param missing   ids not held (replayed before, or never)
     * @param queueFull whether a full queue stopped the replay before the end
     */
    public record Outcome(List<Replayed> replayed, List<String> missing, boolean queueFull) {}

    private DeadLetterReplay() {}

    /** Replays the given dead letters. */
    public static Outcome replay(IngestQueue queue, List<String> ids) {
        List<Replayed> replayed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Optional<AppendResult> r = queue.replayDeadLetter(id);
            if (r.isEmpty()) {
                missing.add(id);
            } else if (r.get() instanceof AppendResult.Accepted a) {
                replayed.add(new Replayed(id, a.ackId()));
            } else {
                return new Outcome(replayed, missing, true);
            }
        }
        return new Outcome(replayed, missing, false);
    }

    /**
     * Replays up to {@code max} of the dead letters held now, oldest first. The list is taken
     * before the first replay, so an entry that fails again meanwhile is not replayed twice.
     */
    public static Outcome replayHeld(IngestQueue queue, int max) {
        List<String> ids = queue.deadLetters(max).stream().map(DeadLetter::id).toList().reversed();
        return replay(queue, ids);
    }
}
