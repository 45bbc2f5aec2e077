package io.offheap.samples;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PoolChunkListMetric;
import io.netty.buffer.PoolChunkMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.PlatformDependent;
import io.netty.util.internal.ReflectionUtil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Netty 4.1's direct memory (DOMAIN.md 5): a {@code PooledByteBufAllocator} with two direct arenas (one per
 * allocating thread) holding chunks, some buffers released and some not, one huge (unpooled-chunk)
 * allocation; unpooled direct buffers with a cleaner; and unpooled buffers from an allocator that asks for
 * no-cleaner memory, which Netty gives only when it can call DirectByteBuffer's private {@code (long, int)}
 * constructor ({@code --add-opens java.base/java.nio} and {@code -Dio.netty.tryReflectionSetAccessible=true}),
 * else cleaner buffers. One buffer of each unpooled sort is dropped without release(): the cleaner one
 * awaits a GC, the no-cleaner one is leaked for good.
 *
 * <p>expected.properties, all read from Netty itself just before the dump: {@code netty.noCleaner}
 * ({@code PlatformDependent.useDirectBufferNoCleaner()}), {@code netty.usedDirectMemory} and
 * {@code netty.maxDirectMemory} (PlatformDependent; -1 used when Netty keeps no counter), what Netty made of the
 * settings of {@link #jvmArgs}: {@code netty.tryReflectionSetAccessible} (whether its ReflectionUtil may call
 * setAccessible) and {@code netty.leakDetection} (ResourceLeakDetector's level),
 * {@code pooled.chunkSize}, {@code pooled.usedDirectMemory}, {@code pooled.arenas}, and per direct arena
 * {@code i} (the allocator's order) {@code arena.<i>.chunks}, {@code .used}, {@code .free} (from its chunk
 * lists' PoolChunkMetric) and {@code .huge} (active huge allocations); capacity categories
 * {@code pooled.huge}, {@code unpooled.live}, {@code unpooled.dropped}, {@code unpooled.noCleaner.live},
 * {@code unpooled.noCleaner.dropped} (the last two have a cleaner when {@code netty.noCleaner} is false).
 *
 * <p>Thread caches: only {@code FastThreadLocalThread}s cache (useCacheForAllThreads off), so the main thread and
 * {@code offheap-netty-2} have empty caches that Netty still counts. Three such threads, one after the other, allocate
 * pooled buffers, release most of them into their caches and stay parked through the dump; a fourth ends after
 * releasing one and keeping one, so its cache is freed but still reachable from the kept buffer. Written:
 * {@code pooled.threadCaches} ({@code PooledByteBufAllocatorMetric.numThreadLocalCaches()}), per arena
 * {@code arena.<i>.threadCaches} ({@code PoolArenaMetric.numThreadCaches()}), {@code .cachedEntries} and
 * {@code .cachedBytes}, {@code caches.threads} (the caching threads' names) and per such thread
 * {@code cache.<name>.arena} (the arena whose numThreadCaches grew when it started), {@code .entries} and
 * {@code .bytes}: what it released that Netty's rules keep (see {@link #cached}).
 */
public final class NettySample {
    static final int PAGE_SIZE = 8192;
    /** 8 KiB pages << 9 = 4 MiB chunks, Netty's default from 4.1.76 (DOMAIN.md 5), set so every release agrees. */
    static final int MAX_ORDER = 9;
    /** Regions kept per size class: powers of two, so Netty's rounding of cache sizes changes nothing. */
    static final int SMALL_CACHE_SIZE = 8;
    static final int NORMAL_CACHE_SIZE = 4;
    /** Normal size classes above this are never cached; set with io.netty.allocator.maxCachedBufferCapacity (its default). */
    static final int MAX_CACHED_BUFFER_CAPACITY = 32 * 1024;
    /** Sizes below 4 pages are "small" (subpage) size classes, cached in the small caches; from there on "normal". */
    static final int SMALL_LIMIT = PAGE_SIZE << 2;

    /** What the program keeps: the allocator and the buffers it did not release. */
    static final class Held {
        static PooledByteBufAllocator pooled;
        static final List<ByteBuf> BUFFERS = new ArrayList<>();
    }

    private NettySample() {
    }

    /** Leak detection off: it wraps sampled buffers and would make the run differ from one time to the next. */
    public static List<String> jvmArgs(Path outDir) {
        return List.of("-Xms128m", "-Xmx128m", "-Xmn64m", "-XX:MaxDirectMemorySize=128m", "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dio.netty.leakDetection.level=disabled", "-Dio.netty.allocator.maxCachedBufferCapacity=" + MAX_CACHED_BUFFER_CAPACITY);
    }

    /** args[0]: output directory for expected.properties and NettySample.hprof. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        long collections = GcCounts.total();
        PooledByteBufAllocator pooled = new PooledByteBufAllocator(true, 0, 2, PAGE_SIZE, MAX_ORDER, SMALL_CACHE_SIZE,
                NORMAL_CACHE_SIZE, false);
        Held.pooled = pooled;

        // This thread's arena: normal (page-run) and small (subpage) buffers, some released, and one huge.
        allocate(pooled, 1 << 20, 3, 2);
        allocate(pooled, 1000, 20, 10);
        int huge = 5 * 1024 * 1024 + 11;
        Held.BUFFERS.add(pooled.directBuffer(huge, huge));
        truth.add("pooled.huge", huge);
        // A second thread gets the other, least used, arena.
        Thread other = new Thread(() -> allocate(pooled, 256 * 1024, 2, 1), "offheap-netty-2");
        other.start();
        other.join();
        cachingThreads(pooled, truth);

        UnpooledByteBufAllocator withCleaner = new UnpooledByteBufAllocator(true, false, false);
        UnpooledByteBufAllocator noCleaner = new UnpooledByteBufAllocator(true, false, true);
        for (int capacity : new int[] {300_000, 70_001}) {
            Held.BUFFERS.add(withCleaner.directBuffer(capacity, capacity));
            truth.add("unpooled.live", capacity);
        }
        withCleaner.directBuffer(123_457, 123_457).writeByte(1); // dropped, not released
        truth.add("unpooled.dropped", 123_457);
        Held.BUFFERS.add(noCleaner.directBuffer(200_003, 200_003));
        truth.add("unpooled.noCleaner.live", 200_003);
        noCleaner.directBuffer(99_999, 99_999).writeByte(1); // dropped, not released
        truth.add("unpooled.noCleaner.dropped", 99_999);

        truth.put("netty.noCleaner", PlatformDependent.useDirectBufferNoCleaner())
                .put("netty.usedDirectMemory", PlatformDependent.usedDirectMemory())
                .put("netty.maxDirectMemory", PlatformDependent.maxDirectMemory())
                .put("netty.tryReflectionSetAccessible",
                        ReflectionUtil.trySetAccessible(NettySample.class.getDeclaredConstructor(), true) == null)
                .put("netty.leakDetection", ResourceLeakDetector.getLevel());
        PooledByteBufAllocatorMetric metric = pooled.metric();
        truth.put("pooled.chunkSize", metric.chunkSize())
                .put("pooled.usedDirectMemory", metric.usedDirectMemory())
                .put("pooled.arenas", metric.numDirectArenas());
        for (int i = 0; i < metric.directArenas().size(); i++) {
            PoolArenaMetric arena = metric.directArenas().get(i);
            long chunks = 0;
            long used = 0;
            long free = 0;
            for (PoolChunkListMetric list : arena.chunkLists()) {
                for (PoolChunkMetric chunk : list) {
                    chunks++;
                    used += chunk.chunkSize() - chunk.freeBytes();
                    free += chunk.freeBytes();
                }
            }
            truth.put("arena." + i + ".chunks", chunks).put("arena." + i + ".used", used).put("arena." + i + ".free", free)
                    .put("arena." + i + ".huge", arena.numActiveHugeAllocations())
                    .put("arena." + i + ".threadCaches", arena.numThreadCaches());
        }
        truth.put("pooled.threadCaches", metric.numThreadLocalCaches());
        if (GcCounts.total() != collections) {
            throw new IllegalStateException("a GC ran before the dump: the dropped buffers may be gone");
        }
        truth.dumps(List.of("NettySample.hprof")).write(out);
        HeapDump.write(out.resolve("NettySample.hprof"));
    }

    /**
     * Runs the caching threads one at a time, so the arena each one takes (the one with the fewest caches) is the one
     * whose {@code numThreadCaches} grew, and records what each cached.
     */
    private static void cachingThreads(PooledByteBufAllocator pooled, GroundTruth truth) throws InterruptedException {
        CountDownLatch dumped = new CountDownLatch(1); // never counted down: the threads stay parked with their caches
        Map<String, int[][]> work = new LinkedHashMap<>(); // per thread: {capacity, allocated, released}
        work.put("offheap-netty-cache-1", new int[][] {{1000, 7, 6}, {32 * 1024, 2, 2}});
        work.put("offheap-netty-cache-2", new int[][] {{5000, 10, 10}, {100_000, 1, 1}});
        work.put("offheap-netty-cache-3", new int[][] {{20_000, 3, 3}, {32 * 1024, 5, 5}});
        long[] entries = new long[pooled.metric().numDirectArenas()];
        long[] bytes = new long[entries.length];
        for (Map.Entry<String, int[][]> thread : work.entrySet()) {
            int[] before = threadCaches(pooled);
            long[] cached = new long[2];
            CountDownLatch done = new CountDownLatch(1);
            Thread t = new FastThreadLocalThread(() -> {
                List<ByteBuf> released = new ArrayList<>();
                for (int[] w : thread.getValue()) {
                    allocateInto(pooled, w[0], w[1], w[2], released);
                }
                cached(released, cached);
                released.forEach(ByteBuf::release);
                done.countDown();
                await(dumped);
            }, thread.getKey());
            t.setDaemon(true);
            t.start();
            done.await();
            int arena = grown(before, threadCaches(pooled));
            truth.put("cache." + thread.getKey() + ".arena", arena).put("cache." + thread.getKey() + ".entries", cached[0])
                    .put("cache." + thread.getKey() + ".bytes", cached[1]);
            entries[arena] += cached[0];
            bytes[arena] += cached[1];
        }
        truth.put("caches.threads", String.join(",", work.keySet()));
        for (int i = 0; i < entries.length; i++) {
            truth.put("arena." + i + ".cachedEntries", entries[i]).put("arena." + i + ".cachedBytes", bytes[i]);
        }
        // A thread that ends: FastThreadLocal's cleanup frees its cache (PoolThreadCache.free), which the buffer it
        // kept still references.
        Thread ended = new FastThreadLocalThread(() -> allocate(pooled, 1000, 2, 1), "offheap-netty-cache-ended");
        ended.start();
        ended.join();
    }

    /**
     * What Netty keeps of these released buffers: each is cached at its size class ({@code maxFastWritableBytes()}
     * of an empty pooled buffer is its {@code maxLength}, the normCapacity its cache entry records), up to
     * {@link #SMALL_CACHE_SIZE} per small class and {@link #NORMAL_CACHE_SIZE} per normal class no larger than
     * {@link #MAX_CACHED_BUFFER_CAPACITY}; the rest goes back to the chunk. {@code cached}: entries, bytes.
     */
    private static void cached(List<ByteBuf> released, long[] cached) {
        Map<Integer, Integer> perClass = new LinkedHashMap<>();
        for (ByteBuf b : released) {
            perClass.merge(b.maxFastWritableBytes(), 1, Integer::sum);
        }
        perClass.forEach((normCapacity, count) -> {
            int room = normCapacity < SMALL_LIMIT ? SMALL_CACHE_SIZE
                    : normCapacity <= MAX_CACHED_BUFFER_CAPACITY ? NORMAL_CACHE_SIZE : 0;
            cached[0] += Math.min(count, room);
            cached[1] += (long) Math.min(count, room) * normCapacity;
        });
    }

    private static int[] threadCaches(PooledByteBufAllocator pooled) {
        return pooled.metric().directArenas().stream().mapToInt(PoolArenaMetric::numThreadCaches).toArray();
    }

    private static int grown(int[] before, int[] after) {
        for (int i = 0; i < before.length; i++) {
            if (after[i] == before[i] + 1) {
                return i;
            }
        }
        throw new IllegalStateException("no arena got the new thread's cache");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code count} buffers of {@code capacity} from this thread's arena; the first {@code released} are released. */
    private static void allocate(PooledByteBufAllocator pooled, int capacity, int count, int released) {
        List<ByteBuf> toRelease = new ArrayList<>();
        allocateInto(pooled, capacity, count, released, toRelease);
        toRelease.forEach(ByteBuf::release);
    }

    /** Like {@link #allocate}, but the buffers to release are added to {@code toRelease} for the caller to release. */
    private static void allocateInto(PooledByteBufAllocator pooled, int capacity, int count, int released,
                                     List<ByteBuf> toRelease) {
        for (int i = 0; i < count; i++) {
            ByteBuf b = pooled.directBuffer(capacity);
            if (i < released) {
                toRelease.add(b);
            } else {
                synchronized (Held.BUFFERS) {
                    Held.BUFFERS.add(b);
                }
            }
        }
    }
}
