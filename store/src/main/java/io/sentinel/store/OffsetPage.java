package io.sentinel.store;

import java.util.List;

/**
 * One numbered page of a filtered, sorted list for people (the dashboard), with the number of
 * matches. Counting stops at {@link #COUNT_CAP} and paging at {@link #MAX_PAGE}: beyond them an
 * index range would turn into a scan, and narrower filters reach older rows anyway. Tools page
 * with cursors instead ({@link Page}).
 *
 * @param rows     the rows of this page
 * @param total    matches, at most {@code COUNT_CAP + 1} (more than the cap)
 * @param page     this page's number, from 1
 * @param pageSize rows per page
 */
public record OffsetPage<T>(List<T> rows, long total, int page, int pageSize) {

    /** Counts stop here: beyond it a page says "more than". */
    public static final int COUNT_CAP = 10_000;
    /** The last page that can be asked for. */
    public static final int MAX_PAGE = 200;

    public OffsetPage {
        rows = List.copyOf(rows);
    }

    /** {@code requested} clamped to 1..{@link #MAX_PAGE}. */
    public static int clampPage(int requested) {
        return Math.max(1, Math.min(MAX_PAGE, requested));
    }

    /** Rows to skip for {@code page}. */
    public static long offset(int page, int pageSize) {
        return (long) (clampPage(page) - 1) * pageSize;
    }

    /** Number of pages, at most {@link #MAX_PAGE}. */
    public int pages() {
        return (int) Math.min(MAX_PAGE, Math.max(1, (total + pageSize - 1) / pageSize));
    }

    public boolean hasNext() {
        return page < pages();
    }

    /** True when counting stopped at the cap. */
    public boolean capped() {
        return total > COUNT_CAP;
    }
}
