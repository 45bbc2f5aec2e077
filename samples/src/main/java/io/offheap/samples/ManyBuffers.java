package io.offheap.samples;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A dump with more than 200,000 small direct buffers of every kind and state, for the size and speed
 * of reports on big dumps. Capacities are log-uniform between 16 bytes and 4 KiB from a fixed seed;
 * the heap is kept small (the dump is tens of MB) and big enough that nothing collects before the dump.
 *
 * <p>expected.properties: buffers.made (every buffer the program made), and per category .count and
 * .bytes: owner.live (in {@link Sessions}), view.live (slices of them, in {@link Views}), owner.awaiting
 * (dropped), owner.freed (cleaner run explicitly; half of them still referenced from {@link Closed}),
 * unowned.live (in {@link Natives}), unowned.unreachable, mapped.live.
 */
public final class ManyBuffers {

    static final int LIVE_OWNERS = 100_000;
    static final int VIEWS = 40_000;
    static final int DROPPED_OWNERS = 40_000;
    static final int FREED_OWNERS = 10_000;
    static final int UNOWNED = 10_000;
    static final int MAPPINGS = 3;

    /** Holds the live owners. */
    static final class Sessions {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** Holds slices of live owners. */
    static final class Views {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** Holds owners whose memory was freed explicitly. */
    static final class Closed {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** Holds buffers over native memory the JVM did not reserve. */
    static final class Natives {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** Holds file mappings. */
    static final class Mappings {
        static final List<MappedByteBuffer> BUFFERS = new ArrayList<>();
    }

    private ManyBuffers() {
    }

    /** A small heap whose young generation holds everything the program allocates: no GC before the dump. */
    public static List<String> jvmArgs(Path outDir) {
        return List.of("-XX:+UseParallelGC", "-Xms256m", "-Xmx256m", "-Xmn192m", "-XX:MaxDirectMemorySize=1g",
                GcLog.option(outDir));
    }

    /** args[0]: output directory for expected.properties, ManyBuffers.hprof and the mapped files. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        long collections = GcCounts.total();
        SplittableRandom random = new SplittableRandom(20_000_000L);

        for (int i = 0; i < LIVE_OWNERS; i++) {
            Sessions.BUFFERS.add(allocate(truth, "owner.live", random));
        }
        for (int i = 0; i < VIEWS; i++) {
            ByteBuffer owner = Sessions.BUFFERS.get(i);
            ByteBuffer view = owner.slice(0, owner.capacity() / 2);
            Views.BUFFERS.add(view);
            truth.add("view.live", view.capacity());
        }
        for (int i = 0; i < DROPPED_OWNERS; i++) {
            allocate(truth, "owner.awaiting", random);
        }
        for (int i = 0; i < FREED_OWNERS; i++) {
            ByteBuffer owner = allocate(truth, "owner.freed", random);
            NativeMemory.free(owner);
            if (i % 2 == 0) {
                Closed.BUFFERS.add(owner);
            }
        }
        for (int i = 0; i < UNOWNED; i++) {
            ByteBuffer wrapper = NativeMemory.allocateUnowned(capacity(random));
            if (i % 5 == 0) {
                truth.add("unowned.unreachable", wrapper.capacity());
            } else {
                Natives.BUFFERS.add(wrapper);
                truth.add("unowned.live", wrapper.capacity());
            }
        }
        for (int i = 0; i < MAPPINGS; i++) {
            int capacity = 65_536 * (i + 1);
            Mappings.BUFFERS.add(map(out.resolve("mapped-" + i + ".bin"), capacity));
            truth.add("mapped.live", capacity);
        }
        int made = LIVE_OWNERS + VIEWS + DROPPED_OWNERS + FREED_OWNERS + UNOWNED + MAPPINGS;

        requireNoCollectionSince(collections);
        truth.put("buffers.made", made)
                .put("holder.class", Sessions.class.getName())
                .put("holder.field", "BUFFERS")
                .put("holder.bytes", Sessions.BUFFERS.stream().mapToLong(Buffer::capacity).sum())
                .dumps(List.of("ManyBuffers.hprof"))
                .write(out);
        requireNoCollectionSince(collections);
        HeapDump.write(out.resolve("ManyBuffers.hprof"));
    }

    /** Log-uniform between 16 bytes and 4 KiB: many small buffers, a few larger ones. */
    private static int capacity(SplittableRandom random) {
        return (int) Math.round(Math.exp(Math.log(16) + random.nextDouble() * (Math.log(4096) - Math.log(16))));
    }

    private static ByteBuffer allocate(GroundTruth truth, String category, SplittableRandom random) {
        int capacity = capacity(random);
        truth.add(category, capacity);
        return ByteBuffer.allocateDirect(capacity);
    }

    private static MappedByteBuffer map(Path file, int capacity) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(capacity);
            return raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, capacity);
        }
    }

    private static void requireNoCollectionSince(long collections) {
        long now = GcCounts.total();
        if (now != collections) {
            throw new IllegalStateException((now - collections) + " GC(s) ran before the dump;"
                    + " the dump would not match expected.properties: give the JVM a larger young generation");
        }
    }
}
