package io.offheap.analyzer;

/** How urgent a finding is; {@code --fail-on} compares against this order. */
public enum Severity {
    INFO("info"), WARNING("warning"), CRITICAL("critical");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Severity parse(String s) {
        for (Severity v : values()) {
            if (v.label.equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + s + "' (critical, warning or info)");
    }
}
