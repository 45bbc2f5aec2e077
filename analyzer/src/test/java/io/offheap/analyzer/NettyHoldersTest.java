package io.offheap.analyzer;

import io.offheap.hprof.HeapGraph;
import io.offheap.samples.JdkTargets;
import io.offheap.samples.NettySample;
import io.offheap.samples.SampleResult;
import io.offheap.samples.SampleRun;
import io.offheap.samples.ShadedNetty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Netty holder in dumps of {@link NettySample}, against the figures Netty itself gave the program and, for what
 * each thread's cache holds, what the program released under Netty's caching rules; for Netty as it is and for a
 * shaded copy ({@link ShadedNetty}), whose classes Offheap finds by their names' suffixes (DOMAIN.md 5).
 */
class NettyHoldersTest {
    private static final String NETTY = "io.netty";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void arenasChunksThreadCachesUnpooledBuffersAndNettysCounterAreNamed(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = SampleRun.run(target.require(), NettySample.class, out, NettySample.jvmArgs(out));
        assertNettyHolder(run, Analyses.of(run.dump()), NETTY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.offheap.samples.JdkTargets#all")
    void aShadedCopyOfNettyIsFoundUnderItsRelocatedNames(JdkTargets.Target target, @TempDir Path out) throws Exception {
        SampleResult run = ShadedNetty.run(target.require(), out);
        HeapGraph g = Analyses.read(run.dump());
        List<String> classes = IntStream.range(0, g.classCount()).mapToObj(k -> g.heapClass(k).name()).toList();
        assertEquals(List.of(), classes.stream().filter(n -> n.startsWith(NETTY + ".")).toList(), "unshaded Netty classes");
        for (String relocated : List.of("buffer.PoolChunk", "buffer.PoolThreadCache", "buffer.PoolThreadCache$MemoryRegionCache$Entry",
                "buffer.UnpooledDirectByteBuf", "util.internal.PlatformDependent", "util.internal.InternalThreadLocalMap")) {
            assertTrue(classes.contains(ShadedNetty.PACKAGE + "." + relocated), relocated + " relocated");
        }
        assertNettyHolder(run, Analyzer.analyze(g), ShadedNetty.PACKAGE);
    }

    /** {@code nettyPackage}: where the run's Netty lives, {@code io.netty} or a shaded copy's relocated package. */
    private static void assertNettyHolder(SampleResult run, Diagnosis d, String nettyPackage) {
        // Configured as NettySample.jvmArgs asks, as Netty read it: a shaded copy reads its properties relocated too.
        assertEquals("true", run.text("netty.tryReflectionSetAccessible"), nettyPackage + ".tryReflectionSetAccessible");
        assertEquals("DISABLED", run.text("netty.leakDetection"), nettyPackage + ".leakDetection.level");
        Holder netty = d.holders().stream().filter(h -> h.kind() == HolderKind.NETTY).findFirst()
                .orElseThrow(() -> new AssertionError("no Netty holder in " + d.holders()));
        boolean noCleaner = Boolean.parseBoolean(run.text("netty.noCleaner"));

        List<HolderDetail.NettyArena> arenas = details(netty, HolderDetail.NettyArena.class);
        long chunkMemory = 0;
        for (int i = 0; i < run.number("pooled.arenas"); i++) {
            int index = i;
            if (run.number("arena." + i + ".chunks") == 0 && run.number("arena." + i + ".huge") == 0
                    && run.number("arena." + i + ".threadCaches") == 0) {
                assertTrue(arenas.stream().noneMatch(a -> a.index() == index), "an arena without chunks holds nothing");
                continue;
            }
            HolderDetail.NettyArena a = arenas.stream().filter(x -> x.index() == index).findFirst()
                    .orElseThrow(() -> new AssertionError("no arena " + index + " in " + arenas));
            assertEquals(run.number("arena." + i + ".chunks"), a.chunks(), "arena " + i);
            assertEquals(run.bytes("pooled.chunkSize"), a.chunkSize(), "arena " + i);
            assertEquals(run.bytes("arena." + i + ".used"), a.usedBytes(), "arena " + i);
            assertEquals(run.bytes("arena." + i + ".free"), a.freeBytes(), "arena " + i);
            assertEquals(run.number("arena." + i + ".huge"), a.hugeChunks(), "arena " + i);
            assertEquals(run.number("arena." + i + ".threadCaches"), a.threadCaches(), "arena " + i + ": caches in use");
            assertEquals(run.number("arena." + i + ".threadCaches"), a.numThreadCaches().longValue(), "arena " + i);
            assertEquals(run.number("arena." + i + ".cachedEntries"), a.cachedEntries(), "arena " + i);
            assertEquals(run.bytes("arena." + i + ".cachedBytes"), a.cachedBytes(), "arena " + i);
            assertTrue(a.cachedBytes() > 0 && a.cachedBytes() <= a.usedBytes(), "cached memory is part of the used: " + a);
            chunkMemory += a.usedBytes() + a.freeBytes() + a.hugeBytes();
        }
        assertEquals(run.bytes("pooled.huge.bytes"), arenas.stream().mapToLong(HolderDetail.NettyArena::hugeBytes).sum());
        assertEquals(run.bytes("pooled.usedDirectMemory"), chunkMemory, "the allocator's usedDirectMemory: all its chunks");

        List<HolderDetail.NettyThreadCache> caches = details(netty, HolderDetail.NettyThreadCache.class);
        assertEquals(run.number("pooled.threadCaches"), caches.size(), "PooledByteBufAllocatorMetric.numThreadLocalCaches()");
        long cached = 0;
        for (String thread : run.text("caches.threads").split(",")) {
            HolderDetail.NettyThreadCache t = caches.stream().filter(x -> thread.equals(x.thread())).findFirst()
                    .orElseThrow(() -> new AssertionError("no cache of thread " + thread + " in " + caches));
            assertEquals(run.number("cache." + thread + ".arena"), t.index(), thread);
            assertEquals(run.number("cache." + thread + ".entries"), t.entries(), thread);
            assertEquals(run.bytes("cache." + thread + ".bytes"), t.bytes(), thread);
            cached += t.bytes();
        }
        assertEquals(1, caches.stream().filter(t -> "main".equals(t.thread()) && t.entries() == 0).count(),
                "the main thread's cache, empty: only FastThreadLocalThreads cache");
        assertTrue(caches.stream().noneMatch(t -> "offheap-netty-cache-ended".equals(t.thread())), "a freed cache is not in use");
        assertEquals(cached, ((Number) netty.facts().get("threadCachedBytes")).longValue());
        assertTrue(netty.advice().contains("trimCurrentThreadCache()"), netty.advice());

        List<HolderDetail.NettyBuffer> unpooled = details(netty, HolderDetail.NettyBuffer.class);
        unpooled(run, unpooled, nettyPackage, "unpooled.live", BufferState.LIVE, false);
        unpooled(run, unpooled, nettyPackage, "unpooled.dropped", BufferState.AWAITING_GC, false);
        unpooled(run, unpooled, nettyPackage, "unpooled.noCleaner.live", BufferState.LIVE, noCleaner);
        unpooled(run, unpooled, nettyPackage, "unpooled.noCleaner.dropped",
                noCleaner ? BufferState.UNREACHABLE : BufferState.AWAITING_GC, noCleaner);

        HolderDetail.NettyCounter counter = details(netty, HolderDetail.NettyCounter.class).get(0);
        assertEquals(nettyPackage + ".util.internal.PlatformDependent", counter.className());
        assertEquals(noCleaner, counter.noCleaner());
        assertEquals(run.bytes("netty.maxDirectMemory"), counter.limitBytes());
        long used = run.number("netty.usedDirectMemory");
        assertEquals(used < 0 ? null : used, counter.usedBytes(), "PlatformDependent.usedDirectMemory()");
        if (noCleaner) {
            long leaked = run.bytes("unpooled.noCleaner.dropped.bytes");
            assertEquals(used, ((Number) netty.facts().get("noCleanerBytes")).longValue(),
                    "Netty counts exactly its no-cleaner memory");
            assertEquals(leaked, ((Number) netty.facts().get("leakedNoCleanerBytes")).longValue());
            assertTrue(netty.advice().startsWith("Buffers without a cleaner were dropped without release()"), netty.advice());
        }
        assertTrue(netty.advice().contains("release()") && netty.advice().contains("not against -XX:MaxDirectMemorySize"));
        assertTrue(netty.advice().contains("-D" + nettyPackage + ".leakDetection.level=paranoid")
                && netty.advice().contains("-D" + nettyPackage + ".allocator.useCacheForAllThreads=false"), netty.advice());
        assertEquals(chunkMemory + run.bytes("unpooled.live.bytes") + run.bytes("unpooled.dropped.bytes")
                + run.bytes("unpooled.noCleaner.live.bytes") + run.bytes("unpooled.noCleaner.dropped.bytes"), netty.bytes());

        // No-cleaner chunks and buffers are explained by Netty, not listed as unexplained (DOMAIN.md 1.3 tool rule).
        d.holders().stream().filter(h -> h.kind() == HolderKind.UNEXPLAINED_UNOWNED)
                .flatMap(h -> details(h, HolderDetail.UnexplainedBuffer.class).stream())
                .forEach(u -> assertTrue(u.path().stream().noneMatch(s -> s.contains("netty")), "unexplained: " + u));
    }

    private static void unpooled(SampleResult run, List<HolderDetail.NettyBuffer> unpooled, String nettyPackage, String category,
                                 BufferState state, boolean noCleaner) {
        for (long capacity : run.capacities(category + ".capacities")) {
            HolderDetail.NettyBuffer b = unpooled.stream().filter(u -> u.capacity() == capacity).findFirst()
                    .orElseThrow(() -> new AssertionError("no unpooled buffer of " + capacity + " in " + unpooled));
            assertEquals(state, b.state(), category);
            assertEquals(noCleaner, b.noCleaner(), category);
            assertTrue(b.className().startsWith(nettyPackage + ".buffer."), b.className());
        }
    }

    private static <T extends HolderDetail> List<T> details(Holder h, Class<T> type) {
        return h.details().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
