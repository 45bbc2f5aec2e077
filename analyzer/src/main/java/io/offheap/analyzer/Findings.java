package io.offheap.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the census, accounting and retainers into findings, most severe first. */
final class Findings {
    private static final long MIB = 1 << 20;

    private Findings() {
    }

    /** Findings for a dump, joined with its GC logs when {@code gc} is not null. */
    static List<Finding> of(Totals t, Accounting a, List<Retainer> retainers, DumpInfo dump, List<Buffer> buffers,
                            GcJoin gc) {
        List<Finding> out = new ArrayList<>();
        delayedReclamation(t, a, buffers, gc, out);
        nearLimit(t, a, out);
        liveGrowth(t, retainers, out);
        unownedMemory(t, out);
        accountingMismatch(t, a, out);
        liveDump(t, dump, out);
        if (gc != null) {
            GcFindings.add(t, a, gc, out);
        }
        return sorted(out);
    }

    static List<Finding> sorted(List<Finding> out) {
        out.sort(Comparator.comparing(Finding::severity).reversed());
        return out;
    }

    private static void delayedReclamation(Totals t, Accounting a, List<Buffer> buffers, GcJoin gc, List<Finding> out) {
        if (t.awaitingGcBytes() == 0) {
            return;
        }
        long[] byGeneration = new long[Generation.values().length];
        for (Buffer b : buffers) {
            if (b.kind() == BufferKind.OWNER && b.state() == BufferState.AWAITING_GC) {
                byGeneration[b.generation().ordinal()] += b.reservedBytes();
            }
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("awaitingGcBytes", t.awaitingGcBytes());
        e.put("awaitingGcBuffers", t.awaitingGcOwners());
        e.put("oldGenerationBytes", byGeneration[Generation.OLD.ordinal()]);
        e.put("youngGenerationBytes", byGeneration[Generation.YOUNG.ordinal()]);
        e.put("unknownGenerationBytes", byGeneration[Generation.UNKNOWN.ordinal()]);
        e.put("liveBytes", t.liveBytes());
        e.put("maxDirectMemory", a.maxDirectMemory());
        String when = gc == null ? "" : GcFindings.lastOldCollectionEvidence(gc, e);
        boolean severe = a.maxDirectMemory() != null && t.awaitingGcBytes() * 4 >= a.maxDirectMemory();
        String where = byGeneration[Generation.OLD.ordinal()] == t.awaitingGcBytes() ? ", all of it in the old generation"
                : byGeneration[Generation.OLD.ordinal()] > 0 ? ", " + Bytes.human(byGeneration[Generation.OLD.ordinal()])
                + " of it in the old generation" : "";
        out.add(new Finding("delayed-reclamation", severe ? Severity.CRITICAL : Severity.WARNING,
                Bytes.human(t.awaitingGcBytes()) + " of direct memory in " + t.awaitingGcOwners()
                        + " unreachable buffers is still reserved, waiting for a GC to discover them" + where + when,
                e, "These buffers are garbage, but their native memory is freed only when a garbage collection "
                        + "finds them unreachable and their Cleaner runs. Buffers that were promoted to the old "
                        + "generation are found only by a full or old-generation collection, which a mostly empty "
                        + "heap may not run for hours. Do not run with -XX:+DisableExplicitGC (it stops "
                        + "Bits.reserveMemory from asking for a GC when the limit is near), reuse or pool long-lived "
                        + "buffers instead of allocating them per request, or free them explicitly when done."));
    }

    private static void nearLimit(Totals t, Accounting a, List<Finding> out) {
        Long limit = a.maxDirectMemory();
        if (limit == null || limit <= 0) {
            return;
        }
        long reserved = a.reservedMemory() != null ? a.reservedMemory() : t.liveBytes() + t.awaitingGcBytes();
        double share = (double) reserved / limit;
        if (share < 0.75) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("reservedBytes", reserved);
        e.put("maxDirectMemory", limit);
        e.put("percentOfLimit", Math.round(share * 1000) / 10.0);
        e.put("awaitingGcBytes", t.awaitingGcBytes());
        out.add(new Finding("near-limit", share >= 0.9 ? Severity.CRITICAL : Severity.WARNING,
                String.format(java.util.Locale.ROOT, "Reserved direct memory is at %.0f%% of the limit (%s of %s)",
                        share * 100, Bytes.human(reserved), Bytes.human(limit)),
                e, "The next allocateDirect that does not fit fails with OutOfMemoryError: Direct buffer memory "
                        + "(after Bits.reserveMemory has tried a System.gc()). Free what is awaiting a GC (see the "
                        + "other findings), reduce what live holders keep, or raise -XX:MaxDirectMemorySize if the "
                        + "machine has the memory."));
    }

    private static void liveGrowth(Totals t, List<Retainer> retainers, List<Finding> out) {
        if (retainers.isEmpty() || t.liveBytes() == 0) {
            return;
        }
        Retainer top = retainers.get(0);
        double share = (double) top.attributedBytes() / t.liveBytes();
        // One buffer held by a local variable is not a leak pattern; many buffers gathered by one holder is.
        if (share < 0.5 || top.attributedBytes() < MIB || top.buffers() < 2 || top.id() == 0) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("retainer", top.className());
        e.put("field", top.field());
        e.put("retainedBytes", top.retainedBytes());
        e.put("attributedBytes", top.attributedBytes());
        e.put("buffers", top.buffers());
        e.put("sharedBuffers", top.sharedBuffers());
        e.put("percentOfLive", Math.round(share * 1000) / 10.0);
        String holder = top.holderName();
        out.add(new Finding("live-growth", Severity.WARNING,
                String.format(java.util.Locale.ROOT, "%s holds %s in %d live direct buffers (%.0f%% of live direct memory)",
                        holder, Bytes.human(top.attributedBytes()), top.buffers(), share * 100),
                e, "This memory is still in use: no GC can free it. If " + holder + " is a cache or registry, "
                        + "check that entries are removed and buffers released when no longer needed, and bound its "
                        + "size. Take a second dump later and compare with 'offheap diff' to confirm growth."));
    }

    private static void unownedMemory(Totals t, List<Finding> out) {
        if (t.unownedBytes() == 0) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("unownedBytes", t.unownedBytes());
        e.put("unownedBuffers", t.unowned());
        out.add(new Finding("unowned-memory", t.unownedBytes() >= 64 * MIB ? Severity.WARNING : Severity.INFO,
                Bytes.human(t.unownedBytes()) + " of native memory is wrapped by " + t.unowned()
                        + " direct buffers that no garbage collection will ever free",
                e, "These buffers have no Cleaner: their memory was allocated outside ByteBuffer.allocateDirect "
                        + "(JNI NewDirectByteBuffer, Netty's no-cleaner buffers, JDK 24+ temporary I/O buffers) and is "
                        + "freed only by the code that allocated it. It is not counted against -XX:MaxDirectMemorySize. "
                        + "Check that the owning library releases it (Netty: ByteBuf.release()); "
                        + "-XX:NativeMemoryTracking=summary shows it under Other/Internal."));
    }

    private static void accountingMismatch(Totals t, Accounting a, List<Finding> out) {
        if (a.reservedMemory() == null) {
            return;
        }
        long census = t.censusReservedBytes();
        long diff = a.reservedMemory() - census;
        if (Math.abs(diff) < MIB || Math.abs(diff) * 10 < Math.max(a.reservedMemory(), census)) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("bitsReservedMemory", a.reservedMemory());
        e.put("bitsCount", a.count());
        e.put("censusReservedBytes", census);
        e.put("censusOwners", t.liveOwners() + t.awaitingGcOwners());
        e.put("differenceBytes", diff);
        out.add(new Finding("accounting-mismatch", Severity.WARNING,
                "The JDK counts " + Bytes.human(a.reservedMemory()) + " of reserved direct memory, but the buffers "
                        + "in the dump account for " + Bytes.human(census),
                e, diff > 0
                        ? "Memory is reserved by buffers the dump does not show: a dump taken after a GC (live dump) "
                        + "drops unreachable buffers whose cleaners have not run yet, and a truncated dump misses "
                        + "objects. Take the dump with 'jcmd <pid> GC.heap_dump -all <file>' to see them."
                        : "The dump holds owners whose reservations the JDK no longer counts; this happens while "
                        + "cleaners run concurrently with the dump. Compare with a second dump."));
    }

    private static void liveDump(Totals t, DumpInfo dump, List<Finding> out) {
        // A live dump still shows some objects we cannot prove reachable (those held only by class mirrors'
        // own fields or the weak string table, which HPROF does not record), so "almost none" is the signal;
        // and a dump with unreachable buffers waiting for a GC was clearly not taken after one.
        double share = dump.objects() == 0 ? 1 : (double) dump.garbageObjects() / dump.objects();
        if (share >= 0.10 || t.awaitingGcOwners() > 0) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("objects", dump.objects());
        e.put("garbageObjects", dump.garbageObjects());
        e.put("percentGarbage", Math.round(share * 1000) / 10.0);
        out.add(new Finding("live-dump", Severity.INFO,
                String.format(java.util.Locale.ROOT, "The dump holds little garbage (%.1f%% of objects): it was "
                        + "probably taken after a full GC, which destroys the evidence of buffers waiting for one",
                        share * 100),
                e, "A 'live' dump (jmap -dump:live, jcmd GC.heap_dump without -all) runs a full GC first, which "
                        + "discovers the garbage buffers and may start their cleaners: the evidence of memory waiting "
                        + "for a GC is gone. Take the next dump with 'jcmd <pid> GC.heap_dump -all <file>' or "
                        + "'jmap -dump:format=b,file=<file> <pid>' (no 'live'), or from an OutOfMemoryError handler "
                        + "with HotSpotDiagnosticMXBean.dumpHeap(file, false)."));
    }
}
