package io.offheap.analyzer;

import io.offheap.hprof.HeapClass;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-thread temporary direct buffers of {@code sun.nio.ch.Util} (DOMAIN.md 4): a channel reading or
 * writing a heap ByteBuffer copies through a direct buffer that then stays in the thread's
 * {@code Util$BufferCache}, sized to the largest I/O seen, until the thread ends. The dump path is
 * {@code Thread.threadLocals -> ThreadLocalMap.table -> entry value BufferCache -> buffers[]}; the thread is
 * the first {@code java.lang.Thread} on the cache's shortest path from a GC root. From JDK 24 the cached
 * buffers are raw memory without a cleaner and outside {@code Bits} (JDK-8344882): the census calls them
 * unowned, and they are explained here.
 */
final class ThreadIoCaches {
    static final String BUFFER_CACHE = "sun.nio.ch.Util$BufferCache";

    private record Cache(int threadName, List<Buffer> buffers) {
    }

    private final HolderCensus census;
    private final List<Cache> caches;

    private ThreadIoCaches(HolderCensus census, List<Cache> caches) {
        this.census = census;
        this.caches = caches;
    }

    static ThreadIoCaches find(HolderCensus c) {
        boolean[] isCache = new boolean[c.g.classCount()];
        boolean any = false;
        for (HeapClass k : c.g.classesNamed(BUFFER_CACHE)) {
            isCache[k.number()] = any = true;
        }
        List<Cache> caches = new ArrayList<>();
        for (int o = 0; any && o < c.g.objectCount(); o++) {
            if (!isCache[c.g.classNumberOf(o)] || !c.reach.reachable(o)) {
                // An unreachable cache belongs to a thread that ended: its owners are awaiting-gc buffers in the
                // census already (TerminatingThreadLocal frees them at thread exit in newer JDKs, DOMAIN.md 4).
                continue;
            }
            int array = c.ref(o, "buffers");
            List<Buffer> buffers = new ArrayList<>();
            for (int e = array < 0 ? 0 : c.g.edgeStart(array), end = array < 0 ? 0 : c.g.edgeEnd(array); e < end; e++) {
                Buffer b = c.buffer(c.g.edgeTarget(e));
                if (b != null && b.state() != BufferState.FREED) {
                    buffers.add(b);
                    c.explain(b);
                }
            }
            if (buffers.isEmpty()) {
                continue;
            }
            int name = c.ref(c.reachingThread(o), "name");
            c.needText(name);
            caches.add(new Cache(name, buffers));
        }
        return new ThreadIoCaches(c, caches);
    }

    Optional<Holder> holder() {
        if (caches.isEmpty()) {
            return Optional.empty();
        }
        List<HolderDetail.ThreadCache> threads = new ArrayList<>();
        long total = 0;
        int count = 0;
        int noCleaner = 0;
        for (Cache cache : caches) {
            long bytes = 0;
            long largest = 0;
            for (Buffer b : cache.buffers()) {
                bytes += b.reservedBytes();
                largest = Math.max(largest, b.reservedBytes());
                noCleaner += b.kind() == BufferKind.UNOWNED ? 1 : 0;
            }
            threads.add(new HolderDetail.ThreadCache(census.text(cache.threadName()), cache.buffers().size(), bytes, largest));
            total += bytes;
            count += cache.buffers().size();
        }
        threads.sort(Comparator.comparingLong(HolderDetail.ThreadCache::bytes).reversed());
        HolderDetail.ThreadCache top = threads.get(0);
        long largestBuffer = threads.stream().mapToLong(HolderDetail.ThreadCache::largestBytes).max().orElse(0);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("threads", threads.size());
        facts.put("largestThread", top.thread());
        facts.put("largestThreadBytes", top.bytes());
        facts.put("largestBufferBytes", largestBuffer);
        facts.put("noCleanerBuffers", noCleaner);
        String description = String.format("Per-thread temporary direct buffers of channel I/O (sun.nio.ch.Util$BufferCache): "
                        + "%s in %d buffers cached by %d threads; the largest cache is %s's, %s",
                Bytes.human(total), count, threads.size(),
                top.thread() == null ? "an unnamed thread" : "thread \"" + top.thread() + "\"", Bytes.human(top.bytes()));
        String advice = "Every thread that reads or writes a heap ByteBuffer through a channel keeps a direct buffer as "
                + "large as its largest such I/O until the thread ends. Cap what is cached with "
                + "-Djdk.nio.maxCachedBufferSize=<bytes> (JDK 8u and later: larger buffers are freed after each I/O), "
                + "or give large channel I/O a direct ByteBuffer of your own, and keep the number of threads doing it small.";
        if (noCleaner > 0) {
            advice += " On JDK 24 and later these buffers have no cleaner and are not counted against "
                    + "-XX:MaxDirectMemorySize (JDK-8344882): the direct buffer pool does not show them, only the "
                    + "process's resident memory and Native Memory Tracking's \"Other\" category do.";
        }
        return Optional.of(new Holder(HolderKind.THREAD_IO_CACHE, description, total, count, advice, facts,
                List.copyOf(threads)));
    }
}
