package io.offheap.samples;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The JDK's own well-known holders of off-heap memory (DOMAIN.md 1.3, 4): named threads that write heap
 * ByteBuffers to a file channel, so each keeps temporary direct buffers in its {@code sun.nio.ch.Util}
 * cache, and file mappings, one held with its channel and one dropped (awaiting unmapping).
 *
 * <p>expected.properties: {@code threads} (how many), per thread i {@code thread.<i>.name},
 * {@code .count}, {@code .bytes}, {@code .largest}: what the thread's own cache holds, read from it by
 * reflection after the writes; {@code mapped.live.path} and {@code mapped.live} / {@code mapped.awaiting}
 * categories (capacities). The threads wait, alive, until the dump is written: a thread's cache is freed
 * when it ends. Nothing runs a GC between the drop and the dump (the program fails if one did).
 */
public final class KnownHolders {
    /** Names with a Latin-1 accent and with Chinese characters: JDK 9+ stores them LATIN1 and UTF16. */
    static final String[] THREAD_NAMES = {"offheap-io-1", "offheap-écriture-2", "offheap-写入-3"};

    static final class MappedFile {
        final FileChannel channel;
        final MappedByteBuffer buffer;

        MappedFile(FileChannel channel, MappedByteBuffer buffer) {
            this.channel = channel;
            this.buffer = buffer;
        }
    }

    static final class Mappings {
        static final List<MappedFile> FILES = new ArrayList<>();
    }

    private KnownHolders() {
    }

    public static List<String> jvmArgs(Path outDir) {
        return List.of("-Xms64m", "-Xmx64m", "-Xmn32m", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
    }

    /** args[0]: output directory for expected.properties, KnownHolders.hprof and the files written and mapped. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        CountDownLatch written = new CountDownLatch(THREAD_NAMES.length);
        CountDownLatch dumped = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < THREAD_NAMES.length; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try {
                    writeThroughCache(out.resolve("io-" + n + ".bin"), n, truth);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    written.countDown();
                }
                awaitQuietly(dumped);
            }, THREAD_NAMES[i]);
            t.start();
            threads.add(t);
        }
        written.await();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a writer thread failed", failures.get(0));
        }
        long collections = GcCounts.total();

        Path live = out.resolve("mapped-live.bin");
        RandomAccessFile file = new RandomAccessFile(live.toFile(), "rw");
        file.setLength(3 * 4096 + 123);
        FileChannel channel = file.getChannel();
        Mappings.FILES.add(new MappedFile(channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, 3 * 4096 + 123)));
        truth.add("mapped.live", 3 * 4096 + 123);
        truth.put("mapped.live.path", live.toFile().getPath());
        try (RandomAccessFile dropped = new RandomAccessFile(out.resolve("mapped-dropped.bin").toFile(), "rw")) {
            dropped.setLength(5 * 4096 + 7);
            dropped.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, 5 * 4096 + 7).put(0, (byte) 1);
        }
        truth.add("mapped.awaiting", 5 * 4096 + 7);

        if (GcCounts.total() != collections) {
            throw new IllegalStateException("a GC ran before the dump: the dropped mapping may be gone");
        }
        truth.put("threads", THREAD_NAMES.length).dumps(List.of("KnownHolders.hprof")).write(out);
        HeapDump.write(out.resolve("KnownHolders.hprof"));
        dumped.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }

    /**
     * A gathering write of two heap buffers: the channel copies each through its own temporary direct
     * buffer of exactly that size, and both go back to the thread's cache (DOMAIN.md 4). Records what the
     * cache then holds, read from the cache itself.
     */
    private static void writeThroughCache(Path path, int n, GroundTruth truth) throws IOException, ReflectiveOperationException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            ByteBuffer[] heap = {ByteBuffer.allocate(100_000 * (n + 1) + 17), ByteBuffer.allocate(40_000 + 1_013 * n)};
            f.getChannel().write(heap);
        }
        long bytes = 0;
        long largest = 0;
        int count = 0;
        for (ByteBuffer b : cachedBuffers()) {
            if (b != null) {
                bytes += b.capacity();
                largest = Math.max(largest, b.capacity());
                count++;
            }
        }
        synchronized (truth) {
            truth.put("thread." + n + ".name", Thread.currentThread().getName())
                    .put("thread." + n + ".count", count)
                    .put("thread." + n + ".bytes", bytes)
                    .put("thread." + n + ".largest", largest);
        }
    }

    /** This thread's {@code sun.nio.ch.Util$BufferCache.buffers}. */
    private static ByteBuffer[] cachedBuffers() throws ReflectiveOperationException {
        Field cacheField = Class.forName("sun.nio.ch.Util").getDeclaredField("bufferCache");
        cacheField.setAccessible(true);
        Object cache = ((ThreadLocal<?>) cacheField.get(null)).get();
        Field buffers = cache.getClass().getDeclaredField("buffers");
        buffers.setAccessible(true);
        return (ByteBuffer[]) buffers.get(cache);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
