package io.offheap.analyzer;

import io.offheap.hprof.Field;
import io.offheap.hprof.HeapClass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Netty 4.1's per-thread caches of pooled memory (DOMAIN.md 5). A {@code PoolThreadCache} belongs to one thread and
 * one allocator; a buffer that thread allocated and released goes into the cache's {@code MemoryRegionCache} of its
 * size class ({@code smallSubPageDirectCaches}, {@code normalDirectCaches}) instead of back to its chunk, as an
 * {@code Entry} (chunk, handle, {@code normCapacity}) in the region cache's {@code queue}. Those bytes stay "used" in
 * the chunk's accounting and no other thread can have them; they go back only when the cache is trimmed or freed
 * ({@code PoolThreadCache.free}, at the thread's FastThreadLocal cleanup or by its finalizer). A cache is the value
 * of a {@code FastThreadLocal}: an element of {@code InternalThreadLocalMap.indexedVariables}, which a
 * {@code FastThreadLocalThread} holds in {@code threadLocalMap} and any other thread in a ThreadLocal, so the thread
 * is the first {@code java.lang.Thread} on that map's shortest path from a GC root. Layout of 4.1.52 and later
 * (read in 4.1.138).
 */
final class NettyThreadCaches {
    /** For the reader: keep the fields of the cache entries ({@code normCapacity}). */
    static final String ENTRY = "*.netty.buffer.PoolThreadCache$MemoryRegionCache$Entry";
    /** For the reader: {@code PoolThreadCache.freed} and {@code PoolArena.numThreadCaches}. */
    static final String ATOMIC_BOOLEAN = "java.util.concurrent.atomic.AtomicBoolean";
    static final String ATOMIC_INTEGER = "java.util.concurrent.atomic.AtomicInteger";
    private static final String CACHE = ".netty.buffer.PoolThreadCache";
    private static final String ENTRY_CLASS = ENTRY.substring(1);
    private static final String THREAD_LOCAL_MAP = ".netty.util.internal.InternalThreadLocalMap";
    private static final List<String> DIRECT_CACHES = List.of("smallSubPageDirectCaches", "normalDirectCaches");

    /**
     * One thread's cache of one direct arena: {@code threadName} the String object of its thread's name (-1 when no
     * living thread's map holds the cache), {@code entries} and {@code bytes} (their {@code normCapacity}) cached.
     */
    record Cache(int cache, int arena, int threadName, int entries, long bytes) {
    }

    private NettyThreadCaches() {
    }

    /**
     * The caches with a direct arena that are still in use: reachable and not {@code freed}. A cache freed when its
     * thread ended (and no longer counted in {@code numThreadCaches}) can stay reachable from a buffer that thread
     * allocated ({@code PooledByteBuf.cache}); its queues are empty.
     */
    static List<Cache> find(HolderCensus c) {
        boolean[] isCache = new boolean[c.g.classCount()];
        boolean[] isEntry = new boolean[c.g.classCount()];
        boolean[] isMap = new boolean[c.g.classCount()];
        for (int k = 0; k < c.g.classCount(); k++) {
            String name = c.g.heapClass(k).name();
            isCache[k] = name.endsWith(CACHE);
            isEntry[k] = name.endsWith(ENTRY_CLASS);
            isMap[k] = name.endsWith(THREAD_LOCAL_MAP);
        }
        Map<Integer, Integer> threadOf = new HashMap<>();
        List<Cache> caches = new ArrayList<>();
        for (int o = 0; o < c.g.objectCount(); o++) {
            int k = c.g.classNumberOf(o);
            if (isMap[k] && c.reach.reachable(o)) {
                int variables = c.ref(o, "indexedVariables");
                int thread = c.reachingThread(o);
                for (int e = variables < 0 ? 0 : c.g.edgeStart(variables), end = variables < 0 ? 0 : c.g.edgeEnd(variables);
                     e < end; e++) {
                    threadOf.put(c.g.edgeTarget(e), thread);
                }
            }
        }
        for (int o = 0; o < c.g.objectCount(); o++) {
            if (!isCache[c.g.classNumberOf(o)] || !c.reach.reachable(o) || flag(c, c.ref(o, "freed"))) {
                continue;
            }
            int arena = c.ref(o, "directArena");
            if (arena < 0) {
                continue; // a heap-only allocator's cache
            }
            List<Integer> entries = new ArrayList<>();
            for (String field : DIRECT_CACHES) {
                int array = c.ref(o, field);
                for (int e = array < 0 ? 0 : c.g.edgeStart(array), end = array < 0 ? 0 : c.g.edgeEnd(array); e < end; e++) {
                    collectEntries(c, c.ref(c.g.edgeTarget(e), "queue"), 2, isEntry, entries);
                }
            }
            long bytes = 0;
            for (int entry : entries) {
                bytes += normCapacity(c, entry);
            }
            int name = c.ref(threadOf.getOrDefault(o, -1), "name");
            c.needText(name);
            caches.add(new Cache(o, arena, name, entries.size(), bytes));
        }
        return caches;
    }

    /** {@code PoolArena.numThreadCaches}: the caches Netty counts for the arena; null when the dump lacks it. */
    static Integer numThreadCaches(HolderCensus c, int arena) {
        int atomic = c.ref(arena, "numThreadCaches");
        if (atomic < 0 || !c.g.hasFields(atomic)) {
            return null;
        }
        Field value = c.g.field(c.g.classOf(atomic), ATOMIC_INTEGER, "value");
        return value == null ? null : (int) c.g.value(atomic, value);
    }

    /**
     * The entries holding a chunk in a region cache's queue, at most {@code depth} references below it: jctools'
     * {@code MpscArrayQueue} keeps them in its {@code buffer} array, the variant Netty uses without Unsafe in an
     * {@code AtomicReferenceArray} one level deeper. A slot is nulled when polled, and a recycled entry's chunk is null.
     */
    private static void collectEntries(HolderCensus c, int o, int depth, boolean[] isEntry, List<Integer> into) {
        for (int e = o < 0 ? 0 : c.g.edgeStart(o), end = o < 0 ? 0 : c.g.edgeEnd(o); e < end; e++) {
            int t = c.g.edgeTarget(e);
            if (t < 0) {
                continue;
            }
            if (isEntry[c.g.classNumberOf(t)]) {
                if (c.ref(t, "chunk") >= 0) {
                    into.add(t);
                }
            } else if (depth > 0) {
                collectEntries(c, t, depth - 1, isEntry, into);
            }
        }
    }

    private static long normCapacity(HolderCensus c, int entry) {
        HeapClass k = c.g.classOf(entry);
        Field f = c.g.field(k, k.name(), "normCapacity");
        return f == null || !c.g.hasFields(entry) ? 0 : c.g.value(entry, f);
    }

    /** The value of an AtomicBoolean; false when the dump lacks it. */
    private static boolean flag(HolderCensus c, int atomic) {
        if (atomic < 0 || !c.g.hasFields(atomic)) {
            return false;
        }
        Field value = c.g.field(c.g.classOf(atomic), ATOMIC_BOOLEAN, "value");
        return value != null && c.g.value(atomic, value) != 0;
    }
}
