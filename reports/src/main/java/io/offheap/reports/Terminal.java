package io.offheap.reports;

/**
 * Makes text from a dump safe for a terminal: class names and strings in a dump can hold anything a
 * program stored, including escape sequences that would move the cursor or rewrite the screen, and
 * bidi overrides that reorder what is shown. The same invisible characters as in the HTML report are
 * shown as {@code \\uXXXX}.
 */
final class Terminal {
    private Terminal() {
    }

    static String safe(String s) {
        return s == null ? "" : Text.visible(s);
    }
}
