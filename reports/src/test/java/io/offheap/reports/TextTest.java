package io.offheap.reports;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Text.count prints what the String.format("%,d") it replaced printed. */
class TextTest {
    @Test
    void countGroupsDigitsAsStringFormat() {
        Random random = new Random(9);
        for (int i = 0; i < 100_000; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            assertEquals(String.format(Locale.ROOT, "%,d", n), Text.count(n));
        }
        for (long n : new long[] {0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertEquals(String.format(Locale.ROOT, "%,d", n), Text.count(n));
        }
    }
}
