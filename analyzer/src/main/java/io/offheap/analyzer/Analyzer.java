package io.offheap.analyzer;

import io.offheap.hprof.HeapGraph;
import io.offheap.hprof.ReadOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The analyzer's entry point: a heap graph in, a {@link Diagnosis} out. Pass {@link #FIELDS_NEEDED} to
 * the HPROF reader so the instances the census reads keep their field values.
 */
public final class Analyzer {
    /** Classes whose instances' fields the analysis reads (subclasses included). */
    public static final Set<String> FIELDS_NEEDED = Set.of(
            BufferFields.MAPPED, Reachability.REFERENCE, CleanerFacts.DEALLOCATOR, CleanerFacts.UNMAPPER, JdkCounters.ATOMIC_LONG);

    private Analyzer() {
    }

    public static Diagnosis analyze(HeapGraph graph) {
        Reachability reach = Reachability.of(graph);
        BufferCensus.Result census = BufferCensus.take(graph, reach);
        List<Buffer> buffers = new ArrayList<>(census.buffers());
        List<Retainer> retainers = Retainers.find(reach, buffers, census.objects());
        Accounting accounting = JdkCounters.read(graph);
        DumpInfo dump = dumpInfo(graph, reach);
        List<Finding> findings = Findings.of(census.totals(), accounting, retainers, dump);
        String verdict = Verdict.of(census.totals(), accounting, retainers, findings);
        return new Diagnosis(dump, census.totals(), accounting, List.copyOf(buffers), List.copyOf(retainers),
                findings, verdict, graph.warnings());
    }

    private static DumpInfo dumpInfo(HeapGraph g, Reachability reach) {
        ReadOutcome r = g.outcome();
        return new DumpInfo(r.file().toString(), g.header().format(), g.header().idSize(), g.header().timestamp(),
                null, JdkRange.infer(g), r.truncated(), r.fileSize(), r.compressed(), r.bytesDecoded(), r.heapDumps(),
                g.objectCount(), reach.garbageCount());
    }
}
