package io.sentinel.detect.state;

import io.sentinel.detect.Finding;
import io.sentinel.detect.Findings;

/**
 * A detector's link to the alert it opened for one entity: frames that continue an attack grow
 * the alert cheaply, every {@code refreshEvery}-th one refreshes its evidence with a full finding,
 * and once the engine has closed the alert (quiet gap) the attack must qualify again.
 */
public final class AlertHandle {
    private String key;
    private int sinceRefresh;

    public boolean isOpen() { return key != null; }

    /**
     * Counts {@code frames} more evidence frames. True: done. False with {@link #isOpen()}: a
     * refresh is due, report a full finding with {@link #report}. False and not open: the alert
     * was closed, the detector starts over.
     */
    public boolean grow(Findings out, long now, long frames, int refreshEvery) {
        if (key == null) return false;
        if (++sinceRefresh < refreshEvery) {
            if (out.extend(key, now, frames)) return true;
            key = null;
            return false;
        }
        if (out.extend(key, now, 0)) return false; // still open: caller reports a refresh
        key = null;
        return false;
    }

    public void report(Findings out, Finding f) {
        key = out.report(f);
        sinceRefresh = 0;
    }
}
