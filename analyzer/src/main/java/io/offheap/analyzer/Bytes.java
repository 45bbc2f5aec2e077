package io.offheap.analyzer;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Human-readable byte sizes for titles, advice and verdicts (binary units, as the JVM flags use). */
public final class Bytes {
    private Bytes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        // What String.format's "%.1f" (or "%.0f" from 100 on) prints, rounding the decimal digits half up, without
        // parsing a format for every figure: an HTML report shows thousands, and the first rendering of a big
        // one spent a fifth of a second on that alone.
        return new BigDecimal(Double.toString(v)).setScale(v >= 100 ? 0 : 1, RoundingMode.HALF_UP).toPlainString()
                + " " + units[u];
    }
}
