package io.offheap.analyzer;

/** Where a buffer's memory stands at the moment of the dump (DESIGN.md, buffer state; DOMAIN.md 2.4). */
public enum BufferState {
    /** Strongly reachable from a GC root. */
    LIVE("live"),
    /** An owner no longer strongly reachable whose cleaner has not run: reserved until a GC discovers it. */
    AWAITING_GC("awaiting-gc"),
    /** The cleaner already ran (or is running): the memory is released. */
    FREED("freed"),
    /** A non-owner no longer reachable. */
    UNREACHABLE("unreachable");

    private final String label;

    BufferState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
