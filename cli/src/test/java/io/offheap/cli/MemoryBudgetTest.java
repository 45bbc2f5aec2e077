package io.offheap.cli;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fail-early memory check: what it says when a dump will not fit, and that what it suggests is enough. */
class MemoryBudgetTest {
    private static final long MIB = 1 << 20;

    @Test
    void aDumpThatFitsPasses() {
        assertNull(MemoryBudget.shortfall("small.hprof", 1000, 100 * MIB, 101 * MIB, 512 * MIB));
    }

    @Test
    void aDumpThatDoesNotFitSaysHowMuchMoreAndASufficientHeapLimit() {
        long objects = 15_677_074; // the benchmark dump
        long need = MemoryBudget.need(objects, 27_161_327);
        long available = 300 * MIB;
        long max = 1024 * MIB;
        String message = MemoryBudget.shortfall("big.hprof", objects, need, available, max);
        assertTrue(message.startsWith("big.hprof: analysing 15,677,074 objects needs about "), message);
        Matcher m = Pattern.compile("needs about (\\d+) MiB more .*heap limit 1024 MiB\\); run with OFFHEAP_OPTS=-Xmx(\\d+)g$")
                .matcher(message);
        assertTrue(m.find(), message);
        assertTrue(Long.parseLong(m.group(1)) * MIB >= need - available, "the shortfall is not understated: " + message);
        assertTrue(Long.parseLong(m.group(2)) * 1024 * MIB - max >= need - available,
                "the suggested limit gives at least what is missing: " + message);
        assertTrue(!message.contains("\n"), "one line");
    }
}
