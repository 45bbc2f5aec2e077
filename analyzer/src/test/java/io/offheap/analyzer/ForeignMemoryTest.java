package io.offheap.analyzer;

import io.offheap.samples.ForeignMemory;
import io.offheap.samples.JdkTargets;
import io.offheap.samples.SampleResult;
import io.offheap.samples.SampleRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

/** The foreign-memory holder in dumps of {@link ForeignMemory}, against the figures the program recorded. */
class ForeignMemoryTest {
    /** The sample's arena kinds and the session kinds the analyzer names (Arena.ofAuto() is an implicit session). */
    private static final Map<String, String> ARENAS = Map.of("confined", "confined", "shared", "shared", "auto", "implicit");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void buffersOverArenaSegmentsAreNamedWithTheirArenaAndState(JdkTargets.Target target, @TempDir Path out) throws Exception {
        if (target.feature() < 21) {
            abort("foreign memory needs JDK 21+: nothing is asserted on JDK " + target.feature());
        }
        SampleResult run = SampleRun.run(target.require(), ForeignMemory.class, out, List.of());
        Diagnosis d = Analyses.of(run.dump());
        Holder foreign = d.holders().stream().filter(h -> h.kind() == HolderKind.FOREIGN_MEMORY).findFirst()
                .orElseThrow(() -> new AssertionError("no foreign-memory holder in " + d.holders()));
        List<HolderDetail.ForeignBuffer> found = foreign.details().stream().filter(HolderDetail.ForeignBuffer.class::isInstance)
                .map(HolderDetail.ForeignBuffer.class::cast).toList();
        long open = 0;
        for (String kind : ARENAS.keySet()) {
            long capacity = run.capacities("foreign." + kind + ".capacities").get(0);
            HolderDetail.ForeignBuffer b = found.stream().filter(f -> f.capacity() == capacity).findFirst()
                    .orElseThrow(() -> new AssertionError("no buffer of " + capacity + " in " + found));
            assertEquals(ARENAS.get(kind), b.arena(), kind);
            assertEquals(run.text("foreign." + kind + ".state"), b.arenaState(), kind);
            assertEquals(capacity, b.length(), kind + ": asByteBuffer() covers the whole segment");
            assertNotEquals(0, b.address(), kind);
            assertEquals(BufferState.LIVE, b.state(), kind + ": the program keeps its buffers");
            open += "open".equals(b.arenaState()) ? capacity : 0;
            // DOMAIN.md 3.1: JDK 21 counts every native segment in Bits, JDK 25 only Arena.ofAuto()'s.
            boolean counted = target.feature() == 21 || kind.equals("auto");
            if (target.feature() == 21 || target.feature() == 25) {
                assertEquals(counted ? capacity : 0, run.bytes("foreign." + kind + ".pool.totalCapacity"), kind + " in Bits");
            }
        }
        assertEquals(3, found.size(), "one buffer per arena");
        assertEquals(open, foreign.bytes(), "only the open arenas' segments still hold memory");
        assertEquals(1L, ((Number) foreign.facts().get("closedArenaBuffers")).longValue());
        assertTrue(foreign.advice().startsWith("Some buffers outlive their closed arena"), foreign.advice());

        // Buffers over segments are explained here, not listed as unexplained unowned memory.
        d.holders().stream().filter(h -> h.kind() == HolderKind.UNEXPLAINED_UNOWNED).flatMap(h -> h.details().stream())
                .map(HolderDetail.UnexplainedBuffer.class::cast)
                .forEach(u -> assertTrue(found.stream().noneMatch(f -> f.buffer() == u.buffer()), "unexplained: " + u));
    }
}
