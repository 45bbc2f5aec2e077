package io.offheap.reports;

import io.offheap.analyzer.Bytes;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Formatting for the HTML report: numbers people read, and text from a dump made visible. */
final class Text {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> ACRONYMS = Set.of("gc", "jvm", "jdk", "id");

    private Text() {
    }

    /**
     * Text from a dump or a log with every character that would not show, or would change how the text
     * around it shows, written as {@code \}{@code uXXXX}: C0 and C1 controls, line and paragraph
     * separators, bidirectional overrides and isolates (a class name could otherwise render reversed),
     * zero-width characters and lone surrogates. HTML escaping is separate (the template engine's).
     */
    static String visible(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !hidden(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (hidden(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean hidden(char c) {
        return c < 0x20 || (c >= 0x7F && c < 0xA0)
                || (c >= 0x200B && c <= 0x200F) // zero-width space/joiners, LRM, RLM
                || (c >= 0x2028 && c <= 0x202E) // line/paragraph separators, bidi embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069) // bidi isolates
                || c == 0xFEFF || Character.isSurrogate(c); // pairs are let through by visible()
    }

    /** Binary units as the JVM flags use them; negative figures (differences) keep their sign. */
    static String bytes(long bytes) {
        return bytes < 0 ? "−" + Bytes.human(-bytes) : Bytes.human(bytes);
    }

    /** The exact figure, for a tooltip: "26,297,172 bytes". */
    static String exact(long bytes) {
        return count(bytes) + (Math.abs(bytes) == 1 ? " byte" : " bytes");
    }

    /** "26,297,172": what String.format's "%,d" prints, built by hand for the reason {@link Bytes#human} gives. */
    static String count(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int length = digits.length() - sign;
        StringBuilder b = new StringBuilder(digits.length() + length / 3);
        b.append(digits, 0, sign);
        for (int i = 0; i < length; i++) {
            if (i > 0 && (length - i) % 3 == 0) {
                b.append(',');
            }
            b.append(digits.charAt(sign + i));
        }
        return b.toString();
    }

    /** "3 buffers", "1 buffer". */
    static String count(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** "1 of these buffers is", "3 of these buffers are". */
    static String count(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }

    static String percent(double share) {
        double p = share * 100;
        return String.format(Locale.ROOT, p != 0 && Math.abs(p) < 10 ? "%.1f%%" : "%.0f%%", p);
    }

    static String time(Instant t) {
        return t == null ? "unknown" : TIME.format(t);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** An uptime or a length of time: "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "unknown";
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds < 10 ? "%.2f s" : "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%d d %02d h", s / 86_400, (s % 86_400) / 3600);
    }

    /** Evidence keys as words: "awaitingGcBytes" -> "Awaiting GC bytes", "disableExplicitGC" -> "Disable explicit GC". */
    static String words(String key) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= key.length(); i++) {
            boolean boundary = i == key.length() || Character.isUpperCase(key.charAt(i))
                    && (!Character.isUpperCase(key.charAt(i - 1))
                    || i + 1 < key.length() && Character.isLowerCase(key.charAt(i + 1)));
            if (boundary) {
                words.add(key.substring(start, i));
                start = i;
            }
        }
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            boolean acronym = w.length() > 1 && w.chars().allMatch(Character::isUpperCase) || ACRONYMS.contains(w.toLowerCase(Locale.ROOT));
            String shown = acronym ? w.toUpperCase(Locale.ROOT) : b.isEmpty() ? capitalize(w) : w.toLowerCase(Locale.ROOT);
            b.append(b.isEmpty() ? "" : " ").append(shown);
        }
        return b.toString();
    }

    private static String capitalize(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase(Locale.ROOT);
    }

    /** The last dot-separated part of a class name, for narrow columns (the full name goes in the tooltip). */
    static String simpleName(String className) {
        if (className == null) {
            return "";
        }
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    /** The last path element, whichever separator the path uses. */
    static String fileName(String path) {
        if (path == null) {
            return "";
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
