package io.offheap.hprof;

/**
 * Decodes the JVM's modified UTF-8 (2-byte NUL, surrogate pairs as two 3-byte sequences). Invalid
 * sequences become U+FFFD instead of failing: names in a damaged dump are still worth showing.
 */
final class ModifiedUtf8 {
    private ModifiedUtf8() {
    }

    static String decode(byte[] b, int from, int length) {
        char[] out = new char[length];
        int n = 0;
        int i = from;
        int end = from + length;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                out[n++] = (char) c;
                i++;
            } else if ((c & 0xE0) == 0xC0 && i + 1 < end && (b[i + 1] & 0xC0) == 0x80) {
                out[n++] = (char) (((c & 0x1F) << 6) | (b[i + 1] & 0x3F));
                i += 2;
            } else if ((c & 0xF0) == 0xE0 && i + 2 < end && (b[i + 1] & 0xC0) == 0x80 && (b[i + 2] & 0xC0) == 0x80) {
                out[n++] = (char) (((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F));
                i += 3;
            } else {
                out[n++] = '\uFFFD';
                i++;
            }
        }
        return new String(out, 0, n);
    }
}
