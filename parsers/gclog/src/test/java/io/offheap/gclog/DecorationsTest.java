package io.offheap.gclog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Unified-logging decorations in the subsets and spellings HotSpot prints them. */
class DecorationsTest {

    @Test
    void timeUptimeLevelTags() {
        Decorations d = Decorations.parse("[2026-11-27T09:03:13.422+0000][0.005s][info][gc] Using G1");
        assertEquals(Instant.parse("2026-11-27T09:03:13.422Z"), d.wallClock());
        assertEquals(0.005, d.uptimeSeconds(), 1e-12);
        assertEquals("info", d.level());
        assertEquals("gc", d.tags());
        assertEquals("Using G1", d.message());
    }

    @Test
    void millisNanosPidTidAndPaddedTags() {
        Decorations d = Decorations.parse("[1764234193422ms][233ms][8821ns][4242][4301][debug][gc,heap      ] GC(0) Heap");
        assertEquals(Instant.ofEpochMilli(1764234193422L), d.wallClock()); // timemillis is an epoch
        assertEquals(0.233, d.uptimeSeconds(), 1e-12); // uptimemillis wins over nanos
        assertEquals(4242, d.pid());
        assertFalse(d.loneNumber());
        assertEquals("gc,heap", d.tags());
        assertEquals("GC(0) Heap", d.message());
    }

    @Test
    void decimalCommaUptimeAndNanosAlone() {
        assertEquals(1.474, Decorations.parse("[1,474s][info][gc   ] x").uptimeSeconds(), 1e-12);
        // of timenanos (arbitrary origin) and uptimenanos, the smaller is the uptime
        assertEquals(2.5, Decorations.parse("[987654321000000ns][2500000000ns][info][gc] x").uptimeSeconds(), 1e-12);
        assertTrue(Decorations.parse("[7][info][gc] x").loneNumber());
    }

    @Test
    void noDecorations() {
        Decorations d = Decorations.parse("GC(3) Pause Full (System.gc()) 10M->2M(64M) 3.001ms");
        assertTrue(Double.isNaN(d.uptimeSeconds()));
        assertNull(d.wallClock());
        assertNull(d.tags());
        assertEquals(-1, d.pid());
        assertEquals("GC(3) Pause Full (System.gc()) 10M->2M(64M) 3.001ms", d.message());
    }
}
