package io.offheap.cli;

/** Exit codes other tools rely on (DESIGN.md contracts). */
final class ExitCode {
    static final int ANALYSED = 0;
    static final int BAD_INPUT = 1;
    static final int USAGE = 2;
    static final int FINDING_AT_OR_ABOVE_FAIL_ON = 3;

    private ExitCode() {
    }
}
