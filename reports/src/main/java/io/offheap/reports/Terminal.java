package io.offheap.reports;

/**
 * Makes text from a dump safe for a terminal: class names and strings in a dump can hold anything a
 * program stored, including escape sequences that would move the cursor or rewrite the screen.
 */
final class Terminal {
    private Terminal() {
    }

    static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SURROGATE) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
