package io.offheap.analyzer;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bytes.human prints what the String.format it replaced printed, for every kind of figure. */
class BytesTest {
    private static String formatted(long bytes) {
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
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    @Test
    void sameAsStringFormat() {
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            long bytes = switch (i % 4) {
                case 0 -> random.nextInt(1 << 20);
                case 1 -> random.nextLong() >>> random.nextInt(64);
                case 2 -> (long) ((random.nextInt(100_000) + 0.5) / 10 * (1L << (10 * (1 + random.nextInt(4))))); // near ties
                default -> (1L << (10 * (1 + random.nextInt(4)))) * (95 + random.nextInt(10)) + random.nextInt(3) - 1; // near 100
            };
            assertEquals(formatted(bytes), Bytes.human(bytes), () -> bytes + " bytes");
        }
        for (long bytes : new long[] {0, 1023, 1024, 1025, 102_348, 102_400, 1_048_575, 1_048_576, Long.MAX_VALUE}) {
            assertEquals(formatted(bytes), Bytes.human(bytes), () -> bytes + " bytes");
        }
    }
}
