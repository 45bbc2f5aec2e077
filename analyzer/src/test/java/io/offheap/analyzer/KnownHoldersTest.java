package io.offheap.analyzer;

import io.offheap.samples.BufferZoo;
import io.offheap.samples.JdkTargets;
import io.offheap.samples.KnownHolders;
import io.offheap.samples.SampleResult;
import io.offheap.samples.SampleRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The well-known holders in dumps of {@link KnownHolders}, against what its threads and mappings recorded. */
class KnownHoldersTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void threadCachesAndMappedFilesAreNamed(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), KnownHolders.class, out, KnownHolders.jvmArgs(out));
        Diagnosis d = Analyses.of(run.dump());

        Holder caches = holder(d, HolderKind.THREAD_IO_CACHE);
        List<HolderDetail.ThreadCache> threads = caches.details().stream()
                .map(HolderDetail.ThreadCache.class::cast).toList();
        long total = 0;
        long count = 0;
        String largestThread = null;
        long largestThreadBytes = 0;
        for (int i = 0; i < run.number("threads"); i++) {
            String name = run.text("thread." + i + ".name");
            HolderDetail.ThreadCache t = threads.stream().filter(c -> name.equals(c.thread())).findFirst()
                    .orElseThrow(() -> new AssertionError("no cache of thread " + name + " in " + threads));
            assertEquals(run.number("thread." + i + ".count"), t.buffers(), name);
            assertEquals(run.bytes("thread." + i + ".bytes"), t.bytes(), name);
            assertEquals(run.bytes("thread." + i + ".largest"), t.largestBytes(), name);
            total += t.bytes();
            count += t.buffers();
            if (t.bytes() > largestThreadBytes) {
                largestThread = name;
                largestThreadBytes = t.bytes();
            }
        }
        assertEquals(run.number("threads"), threads.size(), "only the writer threads cache buffers: " + threads);
        assertEquals(total, caches.bytes());
        assertEquals(count, caches.buffers());
        assertEquals(largestThread, caches.facts().get("largestThread"));
        // JDK 24+ caches raw memory without a cleaner, outside Bits (DOMAIN.md 4); before, owners with a cleaner.
        assertEquals(target.feature() >= 24 ? count : 0L, ((Number) caches.facts().get("noCleanerBuffers")).longValue());
        assertEquals(target.feature() >= 24, caches.advice().contains("JDK 24"));
        assertTrue(caches.advice().contains("-Djdk.nio.maxCachedBufferSize"));

        Holder mapped = holder(d, HolderKind.MAPPED_FILES);
        List<HolderDetail.MappedFile> files = mapped.details().stream().map(HolderDetail.MappedFile.class::cast).toList();
        HolderDetail.MappedFile live = mapping(files, run.number("mapped.live.capacities"));
        assertEquals(BufferState.LIVE, live.state());
        assertEquals(run.text("mapped.live.path"), live.file());
        assertEquals(run.number("mapped.live.capacities"), live.bytes());
        HolderDetail.MappedFile dropped = mapping(files, run.number("mapped.awaiting.capacities"));
        assertEquals(BufferState.AWAITING_GC, dropped.state());
        assertEquals(run.number("mapped.awaiting.capacities"), ((Number) mapped.facts().get("awaitingUnmapBytes")).longValue());

        assertTrue(d.holders().stream().noneMatch(h -> h.kind() == HolderKind.UNEXPLAINED_UNOWNED),
                "every raw buffer here is explained: " + d.holders());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void rawBuffersNothingExplainsAreListedWithTheirPath(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), BufferZoo.class, out, BufferZoo.jvmArgs(out));
        Diagnosis d = Analyses.of(run.dump());
        List<HolderDetail.UnexplainedBuffer> raw = holder(d, HolderKind.UNEXPLAINED_UNOWNED).details().stream()
                .map(HolderDetail.UnexplainedBuffer.class::cast).toList();
        for (long capacity : run.capacities("unowned.live.capacities")) {
            HolderDetail.UnexplainedBuffer b = raw.stream().filter(r -> r.capacity() == capacity).findFirst()
                    .orElseThrow(() -> new AssertionError("no unexplained buffer of " + capacity + " in " + raw));
            assertEquals(BufferState.LIVE, b.state());
            assertTrue(String.join(" -> ", b.path()).contains(BufferZoo.class.getName() + "$Natives#BUFFERS"), b.path().toString());
        }
        for (long capacity : run.capacities("unowned.unreachable.capacities")) {
            assertTrue(raw.stream().anyMatch(r -> r.capacity() == capacity && r.state() == BufferState.UNREACHABLE
                    && r.path().isEmpty()), raw.toString());
        }
    }

    private static Holder holder(Diagnosis d, HolderKind kind) {
        return d.holders().stream().filter(h -> h.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " holder in " + d.holders()));
    }

    private static HolderDetail.MappedFile mapping(List<HolderDetail.MappedFile> files, long capacity) {
        return files.stream().filter(f -> f.capacity() == capacity).findFirst()
                .orElseThrow(() -> new AssertionError("no mapping of " + capacity + " bytes in " + files));
    }
}
