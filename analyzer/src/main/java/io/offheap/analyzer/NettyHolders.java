package io.offheap.analyzer;

import io.offheap.hprof.BasicType;
import io.offheap.hprof.Field;
import io.offheap.hprof.HeapClass;
import io.offheap.hprof.StaticValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Netty 4.1's direct memory (DOMAIN.md 5). Pooled: each reachable {@code PoolChunk} of a direct arena holds
 * one ByteBuffer ({@code base}, with {@code memory} its aligned slice) of {@code chunkSize} bytes, of which
 * {@code freeBytes} are unallocated but still native memory; {@code unpooled} chunks are huge allocations.
 * Unpooled: {@code UnpooledDirectByteBuf} and its subclasses hold their ByteBuffer in {@code buffer} (null
 * once released). Memory Netty allocated without a cleaner ("noCleaner", the DirectByteBuffer
 * {@code (long,int)} constructor) is what the census calls unowned; it is explained here, not listed as
 * unexplained. Netty's own counter and limit are statics of {@code PlatformDependent}. Each arena's used bytes include
 * what threads released into their caches ({@link NettyThreadCaches}), shown per thread, whose names are read after
 * the walk. Classes are matched by name suffix, so shaded copies (packages renamed) count too; the chunks' fields are
 * kept by {@link #POOL_CHUNK} in {@link Analyzer#FIELDS_NEEDED}. A shaded copy also reads its system properties under
 * its relocated package (the shade plugin rewrites string constants that start with a relocated package, and
 * {@code "io.netty.maxDirectMemory"} is one), so the advice names them after the package the classes were found in.
 */
final class NettyHolders {
    /** For the reader: keep the fields of every class named {@code ...netty.buffer.PoolChunk}. */
    static final String POOL_CHUNK = "*.netty.buffer.PoolChunk";
    private static final String CHUNK = ".netty.buffer.PoolChunk";
    private static final String UNPOOLED = ".netty.buffer.UnpooledDirectByteBuf";
    private static final String PLATFORM = ".netty.util.internal.PlatformDependent";

    /** Totals of one arena while the chunks are walked. */
    private static final class Arena {
        final int arena;
        int chunks;
        long chunkSize;
        long used;
        long free;
        int hugeChunks;
        long hugeBytes;
        int threadCaches;
        int cachedEntries;
        long cachedBytes;

        Arena(int arena) {
            this.arena = arena;
        }
    }

    private final HolderCensus census;
    /** Where Netty's classes are: {@code io.netty} and the packages shaded copies relocated it to. */
    private final SortedSet<String> packages;
    private final Map<Integer, Arena> arenas;
    private final List<NettyThreadCaches.Cache> caches;
    private final List<HolderDetail.NettyBuffer> unpooled;
    private final List<HolderDetail.NettyCounter> counters;
    private final int buffers;
    private final long noCleanerBytes;
    private final long leakedBytes;

    private NettyHolders(HolderCensus census, SortedSet<String> packages, Map<Integer, Arena> arenas,
                         List<NettyThreadCaches.Cache> caches, List<HolderDetail.NettyBuffer> unpooled,
                         List<HolderDetail.NettyCounter> counters, int buffers, long noCleanerBytes, long leakedBytes) {
        this.census = census;
        this.packages = packages;
        this.arenas = arenas;
        this.caches = caches;
        this.unpooled = unpooled;
        this.counters = counters;
        this.buffers = buffers;
        this.noCleanerBytes = noCleanerBytes;
        this.leakedBytes = leakedBytes;
    }

    static NettyHolders find(HolderCensus c) {
        boolean[] isChunk = new boolean[c.g.classCount()];
        boolean[] isUnpooled = new boolean[c.g.classCount()];
        SortedSet<String> packages = new TreeSet<>();
        for (int k = 0; k < c.g.classCount(); k++) {
            HeapClass heapClass = c.g.heapClass(k);
            isChunk[k] = heapClass.name().endsWith(CHUNK);
            for (String suffix : List.of(CHUNK, UNPOOLED, PLATFORM)) {
                if (heapClass.name().endsWith(suffix)) {
                    packages.add(heapClass.name().substring(0, heapClass.name().length() - suffix.length()) + ".netty");
                }
            }
            for (HeapClass s = heapClass; s != null && !isUnpooled[k]; s = c.g.superclass(s)) {
                isUnpooled[k] = s.name().endsWith(UNPOOLED);
            }
        }
        Map<Integer, Arena> arenas = new LinkedHashMap<>();
        List<HolderDetail.NettyBuffer> unpooled = new ArrayList<>();
        long noCleanerBytes = 0;
        long leakedBytes = 0;
        int buffers = 0;
        for (int o = 0; o < c.g.objectCount(); o++) {
            int k = c.g.classNumberOf(o);
            if (isChunk[k]) {
                Buffer base = c.buffer(c.ref(o, "base"));
                Buffer memory = c.buffer(c.ref(o, "memory"));
                if (memory != null) {
                    c.explain(memory);
                }
                if (base == null || !c.g.hasFields(o)) {
                    continue; // a heap arena's chunk (byte[] memory), or fields not kept
                }
                c.explain(base);
                if (!c.reach.reachable(o) || base.state() == BufferState.FREED) {
                    continue; // a destroyed chunk: Netty freed its memory when the arena let it go
                }
                HeapClass chunkClass = c.g.classOf(o);
                long size = value(c, o, chunkClass, "chunkSize");
                Arena a = arenas.computeIfAbsent(c.ref(o, "arena"), Arena::new);
                if (value(c, o, chunkClass, "unpooled") != 0) {
                    a.hugeChunks++;
                    a.hugeBytes += size;
                } else {
                    long free = value(c, o, chunkClass, "freeBytes");
                    a.chunks++;
                    a.chunkSize = size;
                    a.used += size - free;
                    a.free += free;
                }
                buffers++;
                noCleanerBytes += base.kind() == BufferKind.UNOWNED ? size : 0;
            } else if (isUnpooled[k]) {
                Buffer b = c.buffer(c.ref(o, "buffer"));
                if (b == null || b.state() == BufferState.FREED) {
                    continue; // released: deallocate() clears the field
                }
                c.explain(b);
                boolean noCleaner = b.kind() == BufferKind.UNOWNED;
                unpooled.add(new HolderDetail.NettyBuffer(b.id(), c.g.classOf(o).name(), b.capacity(), b.state(), noCleaner));
                buffers++;
                noCleanerBytes += noCleaner ? b.capacity() : 0;
                leakedBytes += noCleaner && b.state() == BufferState.UNREACHABLE ? b.capacity() : 0;
            }
        }
        List<NettyThreadCaches.Cache> caches = NettyThreadCaches.find(c);
        for (NettyThreadCaches.Cache cache : caches) {
            Arena a = arenas.computeIfAbsent(cache.arena(), Arena::new);
            a.threadCaches++;
            a.cachedEntries += cache.entries();
            a.cachedBytes += cache.bytes();
        }
        return new NettyHolders(c, packages, arenas, caches, unpooled, counters(c), buffers, noCleanerBytes, leakedBytes);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    Optional<Holder> holder() {
        boolean counted = counters.stream().anyMatch(n -> n.usedBytes() != null && n.usedBytes() > 0);
        if (arenas.isEmpty() && unpooled.isEmpty() && !counted) {
            return Optional.empty();
        }
        List<HolderDetail> details = new ArrayList<>();
        long chunkBytes = 0;
        long used = 0;
        long free = 0;
        long huge = 0;
        int chunks = 0;
        long cached = 0;
        List<HolderDetail.NettyArena> arenaDetails = new ArrayList<>();
        for (Arena a : arenas.values()) {
            int allocator = census.ref(a.arena, "parent");
            arenaDetails.add(new HolderDetail.NettyArena(a.arena < 0 ? 0 : census.g.id(a.arena), allocator < 0 ? 0 : census.g.id(allocator),
                    index(census, allocator, a.arena), a.chunks, a.chunkSize, a.used, a.free, a.hugeChunks, a.hugeBytes,
                    a.threadCaches, NettyThreadCaches.numThreadCaches(census, a.arena), a.cachedEntries, a.cachedBytes));
            chunkBytes += a.used + a.free;
            used += a.used;
            free += a.free;
            huge += a.hugeBytes;
            chunks += a.chunks;
            cached += a.cachedBytes;
        }
        // In the allocator's own order (arenas are met in heap order, which says nothing to the reader).
        arenaDetails.sort(Comparator.comparingLong(HolderDetail.NettyArena::allocator).thenComparingInt(HolderDetail.NettyArena::index));
        details.addAll(arenaDetails);
        List<HolderDetail.NettyThreadCache> threadCaches = new ArrayList<>();
        for (NettyThreadCaches.Cache t : caches) {
            threadCaches.add(new HolderDetail.NettyThreadCache(census.g.id(t.cache()), census.text(t.threadName()), census.g.id(t.arena()),
                    index(census, census.ref(t.arena(), "parent"), t.arena()), t.entries(), t.bytes()));
        }
        threadCaches.sort(Comparator.comparingLong(HolderDetail.NettyThreadCache::bytes).reversed());
        details.addAll(threadCaches);
        unpooled.sort(Comparator.comparingLong(HolderDetail.NettyBuffer::capacity).reversed());
        details.addAll(unpooled);
        details.addAll(counters);
        long unpooledBytes = unpooled.stream().mapToLong(HolderDetail.NettyBuffer::capacity).sum();
        long total = chunkBytes + huge + unpooledBytes;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("pooledChunkBytes", chunkBytes);
        facts.put("pooledUsedBytes", used);
        facts.put("pooledFreeBytes", free);
        facts.put("hugeBytes", huge);
        facts.put("unpooledBytes", unpooledBytes);
        facts.put("noCleanerBytes", noCleanerBytes);
        facts.put("leakedNoCleanerBytes", leakedBytes);
        facts.put("threadCaches", caches.size());
        facts.put("threadCachedBytes", cached);
        counters.stream().filter(n -> n.usedBytes() != null).findFirst().ifPresent(n -> {
            facts.put("nettyCounterBytes", n.usedBytes());
            facts.put("nettyLimitBytes", n.limitBytes());
        });
        String description = String.format("Netty direct memory: %s; %s in %s across %s (%s used, %s free "
                        + "inside them), %s in huge allocations, %s in %s; %s of it without a cleaner",
                Bytes.human(total), Bytes.human(chunkBytes), count(chunks, "pooled chunk"), count(arenas.size(), "arena"),
                Bytes.human(used), Bytes.human(free), Bytes.human(huge), Bytes.human(unpooledBytes),
                count(unpooled.size(), "unpooled buffer"), Bytes.human(noCleanerBytes));
        if (cached > 0) {
            description += String.format("; %s of the used bytes are released buffers kept in %d threads' caches",
                    Bytes.human(cached), threadCaches.stream().filter(t -> t.entries() > 0).count());
        }
        String property = "-D" + (packages.isEmpty() ? "io.netty" : packages.first()) + ".";
        String advice = "A pooled allocator keeps its chunks while it lives: free space inside them is still native memory. "
                + "Memory Netty allocates without a cleaner (its default when it can reach Unsafe and DirectByteBuffer's "
                + "private constructor) is freed only by ByteBuf.release(): no GC frees a buffer dropped without it. It counts "
                + "against Netty's own limit (" + property + "maxDirectMemory, by default the JDK's), not against "
                + "-XX:MaxDirectMemorySize, so the process can use up to twice the JDK limit and the direct buffer pool does "
                + "not show it. Find unreleased buffers with " + property + "leakDetection.level=paranoid; "
                + property + "maxDirectMemory=0 makes Netty use JDK-counted buffers with cleaners.";
        if (packages.size() > 1) {
            advice += " Netty is here in several copies (" + String.join(", ", packages) + "): each reads these "
                    + "properties under its own package.";
        }
        if (cached > 0) {
            HolderDetail.NettyThreadCache top = threadCaches.get(0);
            advice = "Each thread that allocates from the pool keeps what it releases in its own cache for reuse (up to "
                    + "smallCacheSize or normalCacheSize regions per size class, none larger than maxCachedBufferCapacity): "
                    + Bytes.human(cached) + " here, " + Bytes.human(top.bytes()) + " of it in " + (top.thread() == null
                    ? "the cache of a thread the dump does not name" : "thread \"" + top.thread() + "\"'s cache")
                    + ". It stays used in its chunk and out of other threads' reach until the cache is trimmed or its "
                    + "thread ends, so threads that allocate rarely hold it for nothing. Cache only on Netty's own threads "
                    + "(FastThreadLocalThread, event loops) with " + property + "allocator.useCacheForAllThreads=false, cache "
                    + "less with " + property + "allocator.smallCacheSize, normalCacheSize or maxCachedBufferCapacity, or call "
                    + "PooledByteBufAllocator.trimCurrentThreadCache() "
                    + "on a thread that is done allocating. " + advice;
        }
        if (leakedBytes > 0) {
            advice = "Buffers without a cleaner were dropped without release(): " + Bytes.human(leakedBytes)
                    + " that nothing will ever free. " + advice;
        }
        return Optional.of(new Holder(HolderKind.NETTY, description, total, buffers, advice, facts, List.copyOf(details)));
    }

    /** The arena's place in its allocator's {@code directArenas}, or -1. */
    private static int index(HolderCensus c, int allocator, int arena) {
        int array = c.ref(allocator, "directArenas");
        for (int e = array < 0 ? 0 : c.g.edgeStart(array), end = array < 0 ? 0 : c.g.edgeEnd(array); e < end; e++) {
            if (c.g.edgeTarget(e) == arena && arena >= 0) {
                return e - c.g.edgeStart(array);
            }
        }
        return -1;
    }

    private static List<HolderDetail.NettyCounter> counters(HolderCensus c) {
        List<HolderDetail.NettyCounter> counters = new ArrayList<>();
        for (int k = 0; k < c.g.classCount(); k++) {
            HeapClass p = c.g.heapClass(k);
            if (!p.name().endsWith(PLATFORM) || !p.dumped()) {
                continue;
            }
            StaticValue noCleaner = p.staticField("USE_DIRECT_BUFFER_NO_CLEANER");
            counters.add(new HolderDetail.NettyCounter(p.name(), JdkCounters.number(c.g, p, "DIRECT_MEMORY_COUNTER"),
                    JdkCounters.number(c.g, p, "DIRECT_MEMORY_LIMIT"),
                    noCleaner == null || noCleaner.type() != BasicType.BOOLEAN ? null : noCleaner.value() != 0,
                    JdkCounters.number(c.g, p, "MAX_DIRECT_MEMORY")));
        }
        return counters;
    }

    /** A primitive field of a PoolChunk, declared by the chunk's own class; 0 when the dump lacks it. */
    private static long value(HolderCensus c, int o, HeapClass chunkClass, String name) {
        Field f = c.g.field(chunkClass, chunkClass.name(), name);
        return f == null ? 0 : c.g.value(o, f);
    }
}
