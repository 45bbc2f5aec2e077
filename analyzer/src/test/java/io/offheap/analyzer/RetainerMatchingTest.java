package io.offheap.analyzer;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How retainers are matched across dumps when their paths from a GC root are not the same. */
class RetainerMatchingTest {
    private static final List<String> VIA_CACHE = List.of("class app.Cache#INSTANCE", "app.Cache");
    private static final List<String> VIA_THREAD = List.of("java.lang.Thread#target", "app.Cache");

    @Test
    void sameClassAndFieldOnAnotherPathIsTheSameHolder() {
        Comparison c = Analyzer.compare(List.of(
                dump(0, retainer("app.Cache", "entries", VIA_CACHE, 100, 1)),
                dump(60_000, retainer("app.Cache", "entries", VIA_THREAD, 300, 3))));
        assertEquals(1, c.retainers().size());
        RetainerGrowth g = c.retainers().get(0);
        assertTrue(g.pathChanged());
        assertEquals(VIA_THREAD, g.path(), "the newest path");
        assertEquals(200, g.deltaBytes());
        assertEquals(200 * 60.0, g.bytesPerHour(), 1e-6);
    }

    @Test
    void ambiguousHoldersAppearAndVanishInsteadOfBeingPairedByGuess() {
        Comparison c = Analyzer.compare(List.of(
                dump(0, retainer("app.Conn", "buf", List.of("a.A#x", "app.Conn"), 10, 1),
                        retainer("app.Conn", "buf", List.of("a.B#x", "app.Conn"), 20, 1)),
                dump(1000, retainer("app.Conn", "buf", List.of("a.C#x", "app.Conn"), 40, 1),
                        retainer("app.Conn", "buf", List.of("a.D#x", "app.Conn"), 80, 1))));
        assertEquals(4, c.retainers().size());
        assertEquals(2, c.retainers().stream().filter(RetainerGrowth::appeared).count());
        assertEquals(2, c.retainers().stream().filter(RetainerGrowth::vanished).count());
        assertEquals(80, c.retainers().get(0).deltaBytes(), "biggest growth first");
        assertEquals(-20, c.retainers().get(3).deltaBytes());
    }

    @Test
    void holdersWithOneKeyInOneDumpAreSummed() {
        Comparison c = Analyzer.compare(List.of(
                dump(0, retainer("app.Conn", "buf", VIA_THREAD, 10, 1)),
                dump(1000, retainer("app.Conn", "buf", VIA_THREAD, 10, 1), retainer("app.Conn", "buf", VIA_THREAD, 15, 2))));
        assertEquals(1, c.retainers().size());
        assertEquals(List.of(10L, 25L), c.retainers().get(0).bytes());
        assertEquals(List.of(1, 3), c.retainers().get(0).buffers());
    }

    @Test
    void dumpsOutOfTimeOrderGiveNoRateAndSaySo() {
        Comparison c = Analyzer.compare(List.of(dump(5000, retainer("app.Cache", "entries", VIA_CACHE, 100, 1)),
                dump(0, retainer("app.Cache", "entries", VIA_CACHE, 300, 3))));
        assertNull(c.hours());
        assertNull(c.retainers().get(0).bytesPerHour());
        assertTrue(c.warnings().get(0).contains("oldest first"), c.warnings().toString());
        assertTrue(c.verdict().contains("between the two dumps"), c.verdict());
        assertFalse(c.retainers().get(0).pathChanged());
    }

    private static Retainer retainer(String className, String field, List<String> path, long bytes, int buffers) {
        return new Retainer(1, className, false, field, bytes, bytes, buffers, 0, "static field", path, 0);
    }

    private static Diagnosis dump(long millis, Retainer... retainers) {
        long live = 0;
        for (Retainer r : retainers) {
            live += r.attributedBytes();
        }
        DumpInfo info = new DumpInfo("dump-" + millis + ".hprof", "JAVA PROFILE 1.0.2", 8, Instant.ofEpochMilli(millis), null,
                "17+", false, 0, false, 0, 1, 0, 0);
        Totals totals = new Totals(0, 0, 0, 0, 0, 0, 0, 0, live, 0, 0, 0, 0, 0, 0);
        return new Diagnosis(info, totals, Accounting.NONE, List.of(), List.of(retainers), null, List.of(), "", List.of(), List.of());
    }
}
