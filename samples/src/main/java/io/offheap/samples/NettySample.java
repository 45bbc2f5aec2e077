package io.offheap.samples;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PoolChunkListMetric;
import io.netty.buffer.PoolChunkMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * {@code netty.maxDirectMemory} (PlatformDependent; -1 used when Netty keeps no counter),
 * {@code pooled.chunkSize}, {@code pooled.usedDirectMemory}, {@code pooled.arenas}, and per direct arena
 * {@code i} (the allocator's order) {@code arena.<i>.chunks}, {@code .used}, {@code .free} (from its chunk
 * lists' PoolChunkMetric) and {@code .huge} (active huge allocations); capacity categories
 * {@code pooled.huge}, {@code unpooled.live}, {@code unpooled.dropped}, {@code unpooled.noCleaner.live},
 * {@code unpooled.noCleaner.dropped} (the last two have a cleaner when {@code netty.noCleaner} is false).
 */
public final class NettySample {
    static final int PAGE_SIZE = 8192;
    /** 8 KiB pages << 9 = 4 MiB chunks, Netty's default from 4.1.76 (DOMAIN.md 5), set so every release agrees. */
    static final int MAX_ORDER = 9;

    /** What the program keeps: the allocator and the buffers it did not release. */
    static final class Held {
        static PooledByteBufAllocator pooled;
        static final List<ByteBuf> BUFFERS = new ArrayList<>();
    }

    private NettySample() {
    }

    /**
     * Leak detection off: it wraps sampled buffers and would make the run differ from one time to the next.
     * No thread caches (0 small and normal cache sizes in the allocator): released memory goes straight back
     * to its chunk, so the chunks' free bytes are exactly what the program released.
     */
    public static List<String> jvmArgs(Path outDir) {
        return List.of("-Xms128m", "-Xmx128m", "-Xmn64m", "-XX:MaxDirectMemorySize=128m", "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dio.netty.leakDetection.level=disabled");
    }

    /** args[0]: output directory for expected.properties and NettySample.hprof. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        long collections = GcCounts.total();
        PooledByteBufAllocator pooled = new PooledByteBufAllocator(true, 0, 2, PAGE_SIZE, MAX_ORDER, 0, 0, false);
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
                .put("netty.maxDirectMemory", PlatformDependent.maxDirectMemory());
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
                    .put("arena." + i + ".huge", arena.numActiveHugeAllocations());
        }
        if (GcCounts.total() != collections) {
            throw new IllegalStateException("a GC ran before the dump: the dropped buffers may be gone");
        }
        truth.dumps(List.of("NettySample.hprof")).write(out);
        HeapDump.write(out.resolve("NettySample.hprof"));
    }

    /** {@code count} buffers of {@code capacity} from this thread's arena; the first {@code released} are released. */
    private static void allocate(PooledByteBufAllocator pooled, int capacity, int count, int released) {
        List<ByteBuf> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(pooled.directBuffer(capacity, capacity));
        }
        for (int i = 0; i < count; i++) {
            if (i < released) {
                made.get(i).release();
            } else {
                synchronized (Held.BUFFERS) {
                    Held.BUFFERS.add(made.get(i));
                }
            }
        }
    }
}
