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

/**
 * Every kind and state of direct buffer the analyzer must tell apart (DESIGN.md, buffer kind and
 * state), each with a capacity no other buffer here has, so a test finds each one in the dump by
 * capacity (a duplicate shares its owner's capacity; it is the only view with it). Categories in
 * expected.properties, each with .count, .bytes (sum of capacities) and .capacities:
 * owner.live, owner.awaiting, owner.freed, view.live, view.unreachable, typed.live (capacity in
 * elements), mapped.live, mapped.awaiting, unowned.live, unowned.unreachable.
 *
 * <p>Nothing runs a GC between the drops and the dump (the program fails if one did), so dropped
 * owners are awaiting-gc in BufferZoo.hprof. Needs {@code --add-opens java.base/java.nio=ALL-UNNAMED}.
 */
public final class BufferZoo {

    /** Holds the live owners; the retainer of {@code holder.bytes}. */
    static final class Cache {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** Holds views; one of them is the only path to its parent owner (pinned.*). */
    static final class Views {
        static final List<Buffer> BUFFERS = new ArrayList<>();
    }

    /** Holds owners whose memory was freed explicitly while they stay referenced. */
    static final class Closed {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** Holds a file mapping. */
    static final class Mappings {
        static final List<MappedByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** Holds buffers over native memory the JVM did not reserve. */
    static final class Natives {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    private BufferZoo() {
    }

    /** The JVM arguments this program needs besides the runner's: a heap big enough that nothing collects. */
    public static List<String> jvmArgs(Path outDir) {
        return List.of("-Xms64m", "-Xmx64m", "-Xmn32m", GcLog.option(outDir));
    }

    /** args[0]: output directory for expected.properties, BufferZoo.hprof and the mapped files. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        long collections = GcCounts.total();

        holdOwners(truth);
        viewHeldOwners(truth);
        pinOwnerThroughSlice(truth);
        dropOwners(truth);
        dropOwnerWithItsView(truth);
        freeOwners(truth);
        mapFiles(out, truth);
        wrapNativeMemory(truth);

        requireNoCollectionSince(collections);
        truth.put("holder.class", Cache.class.getName())
                .put("holder.field", "BUFFERS")
                .put("holder.count", Cache.BUFFERS.size())
                .put("holder.bytes", Cache.BUFFERS.stream().mapToLong(Buffer::capacity).sum())
                .put("gc.collections", collections)
                .dumps(List.of("BufferZoo.hprof"))
                .write(out);
        requireNoCollectionSince(collections);
        HeapDump.write(out.resolve("BufferZoo.hprof"));
    }

    private static void holdOwners(GroundTruth truth) {
        for (int capacity : new int[] {1_048_583, 65_537, 4_099}) {
            Cache.BUFFERS.add(allocate(truth, "owner.live", capacity));
        }
    }

    /** Views share their owner's memory and own none: att points at the owner (DOMAIN.md 1.3). */
    private static void viewHeldOwners(GroundTruth truth) {
        ByteBuffer big = Cache.BUFFERS.get(0);
        keepView(truth, big.slice(1_000, 4_001));
        keepView(truth, Cache.BUFFERS.get(1).duplicate());
        keepView(truth, Cache.BUFFERS.get(2).asReadOnlyBuffer());
        // A typed view (DirectLongBuffer{U,S}): its capacity counts longs, hence its own category.
        Buffer longs = big.asLongBuffer();
        Views.BUFFERS.add(longs);
        truth.add("typed.live", longs.capacity());
        truth.put("typed.live.class", longs.getClass().getName());
        truth.put("typed.live.owner.capacity", big.capacity());
    }

    /** The owner is referenced only through the slice's att, so it is live, retained by the slice. */
    private static void pinOwnerThroughSlice(GroundTruth truth) {
        ByteBuffer owner = allocate(truth, "owner.live", 33_333);
        ByteBuffer slice = owner.slice(100, 777);
        keepView(truth, slice);
        truth.put("pinned.owner.capacity", owner.capacity()).put("pinned.view.capacity", slice.capacity());
    }

    /** Unreachable once this method returns; their cleaners stay unrun until a GC discovers them. */
    private static void dropOwners(GroundTruth truth) {
        allocate(truth, "owner.awaiting", 2_097_155);
        allocate(truth, "owner.awaiting", 123_457);
    }

    /** Owner and view both unreachable: the owner awaits GC, the view owns nothing. */
    private static void dropOwnerWithItsView(GroundTruth truth) {
        ByteBuffer owner = allocate(truth, "owner.awaiting", 55_555);
        truth.add("view.unreachable", owner.slice(10, 5_555).capacity());
    }

    /** Cleaner already ran: one owner stays referenced, one is dropped (both state freed). */
    private static void freeOwners(GroundTruth truth) {
        ByteBuffer kept = allocate(truth, "owner.freed", 77_771);
        NativeMemory.free(kept);
        Closed.BUFFERS.add(kept);
        NativeMemory.free(allocate(truth, "owner.freed", 88_883));
        truth.put("owner.freed.referenced.capacities", kept.capacity());
    }

    /** Mappings count in the mapped pool, not in Bits; the dropped one awaits GC like an owner. */
    private static void mapFiles(Path out, GroundTruth truth) throws IOException {
        Mappings.BUFFERS.add(map(out.resolve("mapped-live.bin"), 12_289));
        truth.add("mapped.live", 12_289);
        map(out.resolve("mapped-dropped.bin"), 20_483);
        truth.add("mapped.awaiting", 20_483);
    }

    private static MappedByteBuffer map(Path file, int capacity) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(capacity);
            return raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, capacity);
        }
    }

    /** No cleaner, no att: only the program could free this memory; the dropped one leaks it. */
    private static void wrapNativeMemory(GroundTruth truth) {
        for (int capacity : new int[] {3_331, 7_771}) {
            Natives.BUFFERS.add(NativeMemory.allocateUnowned(capacity));
            truth.add("unowned.live", capacity);
        }
        NativeMemory.allocateUnowned(6_661);
        truth.add("unowned.unreachable", 6_661);
    }

    private static ByteBuffer allocate(GroundTruth truth, String category, int capacity) {
        truth.add(category, capacity);
        return ByteBuffer.allocateDirect(capacity);
    }

    private static void keepView(GroundTruth truth, ByteBuffer view) {
        Views.BUFFERS.add(view);
        truth.add("view.live", view.capacity());
    }

    /** A collection after the drops could run cleaners and make the recorded states false. */
    private static void requireNoCollectionSince(long collections) {
        long now = GcCounts.total();
        if (now != collections) {
            throw new IllegalStateException((now - collections) + " GC(s) ran while buffers were being dropped;"
                    + " the dump would not match expected.properties: give the JVM a larger heap");
        }
    }
}
