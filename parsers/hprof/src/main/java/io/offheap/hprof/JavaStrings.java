package io.offheap.hprof;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * {@code java.lang.String} objects of a dump as text, from {@link ObjectContents}. A String's value array
 * is the one reference the graph keeps for it, so both ids are known before the contents pass
 * ({@link #request}). Layouts by JDK: up to 6 and early 7 a {@code char[] value} shared between substrings,
 * with {@code offset} and {@code count}; 7u6 to 8 a {@code char[] value} of its own; from 9 a
 * {@code byte[] value} with {@code coder} 0 (LATIN1) or 1 (UTF16, in the dumping machine's byte order).
 */
public final class JavaStrings {
    private static final String STRING = "java.lang.String";

    private JavaStrings() {
    }

    /** Adds the ids {@link #decode} needs for the String {@code string} (an object index) to {@code ids}. */
    public static void request(HeapGraph g, int string, Collection<Long> ids) {
        if (string < 0 || !g.classOf(string).name().equals(STRING)) {
            return;
        }
        ids.add(g.id(string));
        for (int e = g.edgeStart(string); e < g.edgeEnd(string); e++) {
            int t = g.edgeTarget(e);
            if (t >= 0 && g.slotName(string, e).equals("value")) {
                ids.add(g.id(t));
            }
        }
    }

    /** The text of the String {@code string}, or null when it is not a String or its contents were not read. */
    public static String decode(HeapGraph g, ObjectContents contents, int string) {
        if (string < 0 || !g.classOf(string).name().equals(STRING)) {
            return null;
        }
        HeapClass c = g.classOf(string);
        long id = g.id(string);
        ObjectContents.PrimitiveArray value = contents.array(contents.value(id, g.field(c, STRING, "value")));
        if (value == null) {
            return null;
        }
        String text = switch (value.type()) {
            case BYTE -> contents.value(id, g.field(c, STRING, "coder")) == 0
                    ? new String(value.data(), StandardCharsets.ISO_8859_1) : utf16(value.data());
            case CHAR -> chars(value.data(), contents.value(id, g.field(c, STRING, "offset")),
                    g.field(c, STRING, "count") == null ? -1 : contents.value(id, g.field(c, STRING, "count")));
            default -> null;
        };
        return text != null && value.cut() ? text + "..." : text;
    }

    /** HPROF writes char arrays big-endian, whatever the machine. */
    private static String chars(byte[] data, long offset, long count) {
        int n = data.length / 2;
        int from = (int) Math.max(0, Math.min(offset, n));
        int to = count < 0 ? n : (int) Math.min(n, from + Math.max(0, count));
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = (char) (((data[2 * i] & 0xFF) << 8) | (data[2 * i + 1] & 0xFF));
        }
        return new String(out);
    }

    /**
     * UTF16 compact-string bytes are written as the machine held them; HPROF does not record its byte
     * order. Little-endian (x86, AArch64) unless the text reads far more plausibly big-endian: the high
     * bytes of most characters of a name are zero, so the zero bytes fall on the high-byte side.
     */
    private static String utf16(byte[] data) {
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i + 1 < data.length; i += 2) {
            evenZeros += data[i] == 0 ? 1 : 0;
            oddZeros += data[i + 1] == 0 ? 1 : 0;
        }
        return new String(data, 0, data.length & ~1,
                evenZeros > oddZeros ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
    }
}
