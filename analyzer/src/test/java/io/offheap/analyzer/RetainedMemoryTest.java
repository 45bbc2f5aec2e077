package io.offheap.analyzer;

import io.offheap.samples.Holders;
import io.offheap.samples.JdkTargets;
import io.offheap.samples.SampleResult;
import io.offheap.samples.SampleRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact retained native memory per holder, on the dominator tree, against what the Holders sample built:
 * a cache of many buffers, two holders sharing buffers below a common parent, a registry of sessions with
 * one buffer each, and a holder also reachable through a weak reference.
 */
class RetainedMemoryTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void eachHolderRetainsExactlyWhatItAloneKeeps(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), Holders.class, out, Holders.jvmArgs(out));
        Diagnosis d = Analyses.of(run.dump());

        Retainer cache = retainer(d, run.text("cache.class"));
        assertEquals(run.bytes("cache.bytes"), cache.retainedBytes());
        assertEquals(run.number("cache.count"), cache.buffers());
        assertEquals(0, cache.sharedBuffers());

        // A and B each hold their own buffers and share five: only Pair, above both, keeps all of them alive.
        Retainer pair = retainer(d, run.text("pair.class"));
        long all = run.bytes("a.own.bytes") + run.bytes("b.own.bytes") + run.bytes("shared.bytes");
        assertEquals(all, pair.retainedBytes());
        assertEquals(run.number("shared.count"), pair.buffers());
        assertEquals(run.bytes("shared.bytes"), pair.attributedBytes());
        Retainer a = retainer(d, run.text("a.class"));
        assertEquals(run.bytes("a.own.bytes"), a.retainedBytes(), "A alone keeps only its own buffers");
        assertEquals(run.bytes("b.own.bytes"), retainer(d, run.text("b.class")).retainedBytes());

        Retainer registry = retainer(d, run.text("registry.class"));
        assertEquals(run.bytes("sessions.bytes"), registry.retainedBytes(), "the registry, not each session");
        assertEquals(run.number("sessions.count"), registry.buffers());
        assertTrue(d.retainers().stream().noneMatch(r -> r.className().endsWith("$Session")));

        // Retained heap (estimated sizes): Pair dominates A, B and the shared buffers, so it retains more than both;
        // every cached buffer is a DirectByteBuffer, its Cleaner and Deallocator: far more than 64 bytes each.
        Retainer b = retainer(d, run.text("b.class"));
        assertTrue(pair.retainedHeapBytes() > a.retainedHeapBytes() + b.retainedHeapBytes());
        assertTrue(cache.retainedHeapBytes() > 64 * run.number("cache.count"), "" + cache.retainedHeapBytes());

        Retainer weakly = retainer(d, run.text("weakly.class"));
        assertEquals(run.bytes("weakly.bytes"), weakly.retainedBytes(), "a weak path does not share the holding");
    }

    private static Retainer retainer(Diagnosis d, String className) {
        return d.retainers().stream().filter(r -> r.className().equals(className) && !r.staticHolder()).findFirst()
                .orElseThrow(() -> new AssertionError("no retainer " + className + " among "
                        + d.retainers().stream().map(r -> r.className() + "=" + r.retainedBytes()).toList()));
    }
}
