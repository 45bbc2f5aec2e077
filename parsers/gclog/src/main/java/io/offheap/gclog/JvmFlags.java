package io.offheap.gclog;

import java.util.Map;

/**
 * Reads JVM options from a pre-unified {@code CommandLine flags:} header or a unified {@code jvm_args:} /
 * {@code Command Line:} line into HotSpot flag names: {@code -XX:+Name} / {@code -XX:-Name} become
 * {@code true}/{@code false}, {@code -XX:Name=64m} has its size converted to bytes, and {@code -Xmx},
 * {@code -Xms} are stored under the flags they set ({@code MaxHeapSize}, {@code InitialHeapSize}).
 */
final class JvmFlags {
    private JvmFlags() {
    }

    /**
     * True for the line {@code -XX:+PrintCommandLineFlags} prints on stdout (every token an {@code -XX:}
     * option). JDK 9-20 unified logging has no line with the flags at all, so a log that holds the JVM's
     * stdout is often the only place they appear.
     */
    static boolean isPrintedFlags(String line) {
        String trimmed = line.trim();
        if (!trimmed.startsWith("-XX:")) {
            return false;
        }
        for (String token : trimmed.split("\\s+")) {
            if (!token.startsWith("-XX:")) {
                return false;
            }
        }
        return true;
    }

    static void parse(String options, Map<String, String> into) {
        for (String token : options.trim().split("\\s+")) {
            if (token.startsWith("-XX:+") || token.startsWith("-XX:-")) {
                into.put(token.substring(5), token.charAt(4) == '+' ? "true" : "false");
            } else if (token.startsWith("-XX:") && token.indexOf('=') > 4) {
                int eq = token.indexOf('=');
                into.put(token.substring(4, eq), value(token.substring(eq + 1)));
            } else if (token.startsWith("-Xmx")) {
                into.put("MaxHeapSize", value(token.substring(4)));
            } else if (token.startsWith("-Xms")) {
                into.put("InitialHeapSize", value(token.substring(4)));
            }
        }
    }

    /** Sizes with a unit suffix become bytes; anything else (paths, plain numbers) stays as written. */
    private static String value(String text) {
        long bytes = Sizes.parse(text);
        return bytes >= 0 && !Character.isDigit(text.charAt(text.length() - 1)) ? Long.toString(bytes) : text;
    }
}
