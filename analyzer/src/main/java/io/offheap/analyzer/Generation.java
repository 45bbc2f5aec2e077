package io.offheap.analyzer;

/** The heap generation a buffer object sits in, from GC log address ranges; never guessed. */
public enum Generation {
    YOUNG("young"), OLD("old"), UNKNOWN("unknown");

    private final String label;

    Generation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
