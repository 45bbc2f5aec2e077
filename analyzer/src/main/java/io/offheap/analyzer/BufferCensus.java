package io.offheap.analyzer;

import io.offheap.hprof.HeapClass;
import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.ObjectKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds every instance of {@code java.nio.DirectByteBuffer} and its subclasses and decides its kind
 * and state (DESIGN.md; DOMAIN.md 1.3 and 2.4). Views are folded into the buffer that owns their
 * memory by following {@code att} (repeatedly: up to JDK 11 it names the immediate parent).
 */
final class BufferCensus {
    private static final int MAX_VIEW_CHAIN = 1_000;

    private final HeapGraph g;
    private final Reachability reach;
    private final Map<Integer, BufferFields> fieldsByClass = new HashMap<>();
    private final Map<Long, Integer> bufferById = new HashMap<>();

    private BufferCensus(HeapGraph g, Reachability reach) {
        this.g = g;
        this.reach = reach;
    }

    record Result(List<Buffer> buffers, List<Integer> objects, Totals totals) {
    }

    static Result take(HeapGraph g, Reachability reach) {
        return new BufferCensus(g, reach).take();
    }

    private Result take() {
        boolean[] isBuffer = new boolean[g.classCount()];
        boolean[] isCleaner = new boolean[g.classCount()];
        for (int c = 0; c < g.classCount(); c++) {
            HeapClass k = g.heapClass(c);
            isBuffer[c] = g.isSubclassOf(k, BufferFields.DIRECT) || BufferFields.TYPED.contains(k.name());
            isCleaner[c] = g.isSubclassOf(k, CleanerFacts.JDK_INTERNAL_CLEANER) || g.isSubclassOf(k, CleanerFacts.SUN_MISC_CLEANER);
        }
        List<Integer> objects = new ArrayList<>();
        List<Integer> cleaners = new ArrayList<>();
        for (int o = 0; o < g.objectCount(); o++) {
            int c = g.classNumberOf(o);
            if (!(isBuffer[c] || isCleaner[c]) || g.kind(o) != ObjectKind.INSTANCE || !g.hasFields(o)) {
                continue; // class flags first: they are cheaper than hasFields
            }
            if (isBuffer[c]) {
                bufferById.put(g.id(o), objects.size());
                objects.add(o);
            } else if (isCleaner[c]) {
                cleaners.add(o);
            }
        }
        List<Buffer> buffers = new ArrayList<>(objects.size());
        Set<Integer> cleanersOfBuffers = new HashSet<>();
        for (int o : objects) {
            buffers.add(classify(o, cleanersOfBuffers));
        }
        return new Result(buffers, objects, totals(buffers, cleaners, cleanersOfBuffers));
    }

    private BufferFields fields(int object) {
        HeapClass c = g.classOf(object);
        return fieldsByClass.computeIfAbsent(c.number(), k -> BufferFields.of(g, c));
    }

    private Buffer classify(int o, Set<Integer> cleanersOfBuffers) {
        BufferFields f = fields(o);
        long capacity = BufferFields.read(g, o, f.capacity());
        long address = BufferFields.read(g, o, f.address());
        long cleanerId = BufferFields.read(g, o, f.cleaner());
        long attachment = BufferFields.read(g, o, f.attachment());
        boolean reachable = reach.reachable(o);
        String name = g.classOf(o).name();
        if (cleanerId != 0) {
            int cleaner = g.indexOf(cleanerId);
            cleanersOfBuffers.add(cleaner);
            CleanerFacts facts = CleanerFacts.of(g, cleaner, cleanerId);
            BufferState state = facts.freed() ? BufferState.FREED
                    : reachable ? BufferState.LIVE : BufferState.AWAITING_GC;
            long reserved = facts.reservedBytes() >= 0 ? facts.reservedBytes() : capacity;
            BufferKind kind = facts.mapped() ? BufferKind.MAPPED : BufferKind.OWNER;
            return new Buffer(g.id(o), name, capacity, address, kind, state, 0, reserved, Generation.UNKNOWN, 0);
        }
        BufferState state = reachable ? BufferState.LIVE : BufferState.UNREACHABLE;
        if (attachment != 0) {
            return new Buffer(g.id(o), name, capacity, address, BufferKind.VIEW, state, rootOwner(attachment), 0,
                    Generation.UNKNOWN, 0);
        }
        boolean mapped = BufferFields.read(g, o, f.fd()) != 0 || BufferFields.read(g, o, f.isAMappedBuffer()) != 0
                || heldByJvmFileMapping(o);
        BufferKind kind = mapped ? BufferKind.MAPPED : BufferKind.UNOWNED;
        return new Buffer(g.id(o), name, capacity, address, kind, state, 0, capacity, Generation.UNKNOWN, 0);
    }

    /**
     * The JVM maps two files of its own into cleaner-less buffers made by JNI: the runtime image
     * (lib/modules, 100+ MB, JDK 9+, held by {@code jdk.internal.jimage} readers) and the hsperfdata
     * performance counters (8-byte buffers behind {@code PerfCounter}). They are file mappings, not
     * anonymous memory: call them mapped so they are not reported as memory no GC frees.
     */
    private boolean heldByJvmFileMapping(int o) {
        int holder = reach.parent(o);
        while (holder >= 0 && (g.kind(holder) != ObjectKind.INSTANCE || g.classOf(holder).name().startsWith("java.nio."))) {
            holder = reach.parent(holder); // through the mapping's own views and arrays
        }
        if (holder < 0) {
            return false;
        }
        String name = g.classOf(holder).name();
        return name.startsWith("jdk.internal.jimage.") || name.startsWith("jdk.internal.perf.")
                || name.startsWith("sun.misc.Perf");
    }

    /** Follows {@code att} through views to the buffer (or foreign object) that owns the memory. */
    private long rootOwner(long attachment) {
        long current = attachment;
        for (int i = 0; i < MAX_VIEW_CHAIN; i++) {
            Integer b = bufferById.get(current);
            if (b == null) {
                return current;
            }
            int o = g.indexOf(current);
            BufferFields f = fields(o);
            long next = BufferFields.read(g, o, f.attachment());
            if (BufferFields.read(g, o, f.cleaner()) != 0 || next == 0) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private Totals totals(List<Buffer> buffers, List<Integer> cleaners, Set<Integer> cleanersOfBuffers) {
        int owners = 0, views = 0, unowned = 0, mapped = 0, live = 0, awaiting = 0, freed = 0;
        long liveBytes = 0, awaitingBytes = 0, freedBytes = 0, unownedBytes = 0, mappedBytes = 0;
        Set<Long> unownedAddresses = new HashSet<>();
        for (Buffer b : buffers) {
            switch (b.kind()) {
                case OWNER -> {
                    owners++;
                    switch (b.state()) {
                        case LIVE -> { live++; liveBytes += b.reservedBytes(); }
                        case AWAITING_GC -> { awaiting++; awaitingBytes += b.reservedBytes(); }
                        case FREED -> { freed++; freedBytes += b.reservedBytes(); }
                        case UNREACHABLE -> { }
                    }
                }
                case VIEW -> views++;
                case MAPPED -> {
                    mapped++;
                    if (b.state() != BufferState.FREED) {
                        mappedBytes += b.reservedBytes();
                    }
                }
                case UNOWNED -> {
                    unowned++;
                    // Several wrappers of one native block (e.g. a JNI buffer wrapped twice) count once; address 0
                    // wraps nothing (allocateDirect sets the capacity before Bits refuses the memory).
                    if (b.address() != 0 && unownedAddresses.add(b.address())) {
                        unownedBytes += b.capacity();
                    }
                }
            }
        }
        int pending = 0;
        long pendingBytes = 0;
        for (int o : cleaners) {
            if (cleanersOfBuffers.contains(o)) {
                continue;
            }
            CleanerFacts facts = CleanerFacts.of(g, o, g.id(o));
            if (facts.pending() && !facts.mapped() && facts.reservedBytes() > 0) {
                pending++;
                pendingBytes += facts.reservedBytes();
            }
        }
        return new Totals(buffers.size(), owners, views, unowned, mapped, live, awaiting, freed,
                liveBytes, awaitingBytes, freedBytes, unownedBytes, mappedBytes, pending, pendingBytes);
    }
}
