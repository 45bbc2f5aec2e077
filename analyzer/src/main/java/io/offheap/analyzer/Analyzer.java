package io.offheap.analyzer;

import io.offheap.gclog.GcHistory;
import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.ReadOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The analyzer's entry point: a heap graph in, a {@link Diagnosis} out. Pass {@link #FIELDS_NEEDED} to
 * the HPROF reader so the instances the census reads keep their field values.
 */
public final class Analyzer {
    /** Classes whose instances' fields the analysis reads (subclasses included; "*" entries match by name suffix). */
    public static final Set<String> FIELDS_NEEDED = Stream.concat(Stream.of(BufferFields.MAPPED,
            Reachability.REFERENCE, CleanerFacts.DEALLOCATOR, CleanerFacts.UNMAPPER, JdkCounters.ATOMIC_LONG,
            NettyHolders.POOL_CHUNK, NettyThreadCaches.ENTRY, NettyThreadCaches.ATOMIC_BOOLEAN,
            NettyThreadCaches.ATOMIC_INTEGER, ForeignMemory.SEGMENT, ForeignMemory.SESSION),
            BufferFields.TYPED.stream()).collect(Collectors.toUnmodifiableSet());

    private Analyzer() {
    }

    /** A dump alone. */
    public static Diagnosis analyze(HeapGraph graph) {
        return analyze(graph, null);
    }

    /** A dump with the same JVM's GC history ({@code history} may be null). */
    public static Diagnosis analyze(HeapGraph graph, GcHistory history) {
        // The dominator tree is the longest step and needs only the graph: it runs on the second core while
        // this one does everything that does not need it (holders read no retainers).
        CompletableFuture<DominatorTree> dominators = CompletableFuture.supplyAsync(() -> DominatorTree.of(graph));
        Reachability reach;
        BufferCensus.Result census;
        List<Buffer> buffers;
        HolderCensus.Result holders;
        Accounting accounting;
        DumpInfo dump;
        try {
            reach = Reachability.of(graph);
            census = BufferCensus.take(graph, reach);
            buffers = new ArrayList<>(census.buffers());
            holders = HolderCensus.take(reach, buffers, census.objects());
            accounting = JdkCounters.read(graph);
            dump = dumpInfo(graph, reach);
        } catch (RuntimeException | Error e) {
            // Not before the tree is done: a batch goes on to the next dump, which must not share the memory
            // with this one's orphaned tree.
            dominators.handle((tree, failure) -> null).join();
            throw e;
        }
        List<Retainer> retainers = Retainers.find(reach, join(dominators), buffers, census.objects());
        GcJoin gc = history == null ? null : GcJoin.of(history, graph.header().timestamp(), dump.jdkRange());
        if (gc != null) {
            buffers.replaceAll(b -> b.withGeneration(gc.generationOf(b.id())));
            if (history.jvmVersion() != null) {
                dump = dump.withJvmVersion(history.jvmVersion());
            }
        }
        List<Finding> findings = Findings.of(census.totals(), accounting, retainers, dump, buffers, gc);
        GcSummary summary = gc == null ? null : gc.summary();
        String verdict = Verdict.of(census.totals(), accounting, retainers, findings, summary);
        return new Diagnosis(dump, census.totals(), accounting, List.copyOf(buffers), List.copyOf(retainers),
                summary, findings, verdict, warnings(graph, holders), holders.holders());
    }

    /** The task's result, or what it threw, as if it had run on this thread (an OutOfMemoryError stays one). */
    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** GC logs alone: the collection summary and the configuration findings. */
    public static GcReport analyze(GcHistory history) {
        GcJoin gc = GcJoin.of(history, null, null);
        List<Finding> findings = new ArrayList<>();
        GcFindings.add(null, null, gc, findings);
        GcSummary summary = gc.summary();
        return new GcReport(summary, Findings.sorted(findings), Verdict.ofGc(summary, findings));
    }

    /**
     * Dumps of one JVM, oldest first (two for {@code offheap diff}, more for {@code offheap trend}): each
     * dump's figures and every retainer followed across them, biggest growth first. Reads only each
     * diagnosis's dump, totals, accounting and retainers, so callers comparing many dumps may drop the buffers.
     */
    public static Comparison compare(List<Diagnosis> dumps) {
        return Comparisons.of(dumps);
    }

    private static List<String> warnings(HeapGraph graph, HolderCensus.Result holders) {
        List<String> all = new ArrayList<>(graph.warnings());
        all.addAll(holders.warnings());
        return List.copyOf(all);
    }

    private static DumpInfo dumpInfo(HeapGraph g, Reachability reach) {
        ReadOutcome r = g.outcome();
        return new DumpInfo(r.file().toString(), g.header().format(), g.header().idSize(), g.header().timestamp(),
                null, JdkRange.infer(g), r.truncated(), r.fileSize(), r.compressed(), r.bytesDecoded(), r.heapDumps(),
                g.objectCount(), reach.garbageCount());
    }
}
