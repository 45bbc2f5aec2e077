package io.offheap.analyzer;

import io.offheap.samples.BufferZoo;
import io.offheap.samples.DelayedReclamation;
import io.offheap.samples.JdkTargets;
import io.offheap.samples.LiveGrowth;
import io.offheap.samples.SampleResult;
import io.offheap.samples.SampleRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static io.offheap.analyzer.Analyses.capacities;
import static io.offheap.analyzer.Analyses.is;
import static io.offheap.analyzer.Analyses.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dumps made by the samples on every installed JDK, against what each program knows it allocated,
 * dropped, freed and kept (its expected.properties).
 */
class SampleCensusTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void bufferZooEveryKindAndState(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), BufferZoo.class, out, BufferZoo.jvmArgs(out));
        Diagnosis d = Analyses.of(run.dump());
        Predicate<Buffer> app = notJvmMapping(d, run.bytes("jdk.modules.image.bytes"));

        assertEquals(sorted(run.capacities("owner.live.capacities")), capacities(d, app.and(is(BufferKind.OWNER, BufferState.LIVE))));
        assertEquals(sorted(run.capacities("owner.awaiting.capacities")), capacities(d, app.and(is(BufferKind.OWNER, BufferState.AWAITING_GC))));
        assertEquals(sorted(run.capacities("owner.freed.capacities")), capacities(d, app.and(is(BufferKind.OWNER, BufferState.FREED))));
        List<Long> liveViews = new ArrayList<>(run.capacities("view.live.capacities"));
        liveViews.addAll(run.capacities("typed.live.capacities")); // typed views count elements, not bytes
        assertEquals(sorted(liveViews), capacities(d, app.and(is(BufferKind.VIEW, BufferState.LIVE))));
        Buffer typed = d.buffers().stream().filter(b -> b.className().equals(run.text("typed.live.class"))).findFirst().orElseThrow();
        assertEquals(Analyses.withCapacity(d, BufferKind.OWNER, run.number("typed.live.owner.capacity")).id(), typed.owner(),
                "a typed view points to the owner of its memory");
        assertEquals(sorted(run.capacities("view.unreachable.capacities")), capacities(d, app.and(is(BufferKind.VIEW, BufferState.UNREACHABLE))));
        assertEquals(sorted(run.capacities("mapped.live.capacities")), capacities(d, app.and(is(BufferKind.MAPPED, BufferState.LIVE))));
        assertEquals(sorted(run.capacities("mapped.awaiting.capacities")), capacities(d, app.and(is(BufferKind.MAPPED, BufferState.AWAITING_GC))));
        assertEquals(sorted(run.capacities("unowned.live.capacities")), capacities(d, app.and(is(BufferKind.UNOWNED, BufferState.LIVE))));
        assertEquals(sorted(run.capacities("unowned.unreachable.capacities")), capacities(d, app.and(is(BufferKind.UNOWNED, BufferState.UNREACHABLE))));

        assertEquals(run.bytes("owner.live.bytes"), d.totals().liveBytes());
        assertEquals(run.bytes("owner.awaiting.bytes"), d.totals().awaitingGcBytes());
        assertEquals(run.bytes("owner.freed.bytes"), d.totals().freedBytes());
        assertEquals(run.bytes("pool.direct.memoryUsed"), d.accounting().reservedMemory());
        assertEquals(run.number("pool.direct.count"), d.accounting().count());
        assertEquals(run.bytes("max.direct.memory"), d.accounting().maxDirectMemory());

        long pinned = run.number("pinned.owner.capacity");
        assertEquals(Analyses.withCapacity(d, BufferKind.OWNER, pinned).id(),
                Analyses.withCapacity(d, BufferKind.VIEW, run.number("pinned.view.capacity")).owner(),
                "the slice keeps its dropped parent alive and shares its memory");

        Retainer top = d.retainers().get(0);
        assertEquals(run.text("holder.class"), top.className());
        assertTrue(top.staticHolder());
        assertEquals(run.text("holder.field"), top.field());
        // The zoo's views of these owners live in another class and keep them alive too: the Cache holds them,
        // but not alone, so they are attributed to it as shared and do not count in what it alone retains.
        assertEquals(run.bytes("holder.bytes"), top.attributedBytes());
        assertEquals(run.number("holder.count"), top.buffers());
        assertTrue(top.retainedBytes() < top.attributedBytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void droppedBuffersAwaitAGc(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), DelayedReclamation.class, out, DelayedReclamation.jvmArgs(out));
        Diagnosis d = Analyses.of(run.dump());
        assertEquals(run.bytes("dropped.bytes"), d.totals().awaitingGcBytes());
        assertEquals(run.number("dropped.count"), d.totals().awaitingGcOwners());
        assertEquals(sorted(run.capacities("dropped.capacities")), capacities(d, is(BufferKind.OWNER, BufferState.AWAITING_GC)));
        assertEquals(0, d.totals().liveBytes());
        assertEquals(run.bytes("pool.direct.memoryUsed"), d.accounting().reservedMemory());
        assertEquals(run.bytes("max.direct.memory"), d.accounting().maxDirectMemory());
        Set<String> ids = Set.copyOf(d.findings().stream().map(Finding::id).toList());
        assertTrue(ids.containsAll(List.of("delayed-reclamation", "near-limit")), ids.toString());
        assertEquals(Severity.CRITICAL, d.findings().get(0).severity());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void heldBuffersNameTheirHolder(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), LiveGrowth.class, out, LiveGrowth.jvmArgs(out));
        Diagnosis d = Analyses.of(run.dump());
        Retainer top = d.retainers().get(0);
        assertEquals(run.text("holder.class"), top.className());
        assertEquals(run.bytes("holder.bytes"), top.retainedBytes(), "the registry alone keeps them alive");
        assertEquals(run.bytes("holder.bytes"), top.attributedBytes());
        assertEquals(run.number("holder.count"), top.buffers());
        assertEquals(0, top.sharedBuffers());
        Finding growth = d.findings().stream().filter(f -> f.id().equals("live-growth")).findFirst()
                .orElseThrow(() -> new AssertionError("no live-growth finding: " + d.findings()));
        assertTrue(growth.title().contains(run.text("holder.class")), growth.title());
    }

    /**
     * Leaves out the JVM's own file mappings and their views: the runtime image (lib/modules, whose size
     * the program recorded) and the hsperfdata performance counters (8-byte longs).
     */
    private static Predicate<Buffer> notJvmMapping(Diagnosis d, long imageBytes) {
        Set<Long> jvm = Set.copyOf(d.buffers().stream()
                .filter(b -> b.kind() == BufferKind.MAPPED && (b.capacity() == imageBytes || b.capacity() == 8))
                .map(Buffer::id).toList());
        return b -> !jvm.contains(b.id()) && !jvm.contains(b.owner());
    }
}
