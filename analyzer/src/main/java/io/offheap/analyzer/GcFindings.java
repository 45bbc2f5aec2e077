package io.offheap.analyzer;

import io.offheap.gclog.Collector;
import io.offheap.gclog.GcEvent;
import io.offheap.gclog.GcHistory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The findings that need the GC log: how the JVM was configured and what its collections did. */
final class GcFindings {
    private static final double STORM_WINDOW_SECONDS = 60;
    private static final int STORM_COLLECTIONS = 3;

    private GcFindings() {
    }

    /** Adds the configuration and collection findings; {@code t} and {@code a} are null without a dump. */
    static void add(Totals t, Accounting a, GcJoin gc, List<Finding> out) {
        explicitGcDisabled(t, gc.history(), out);
        noDirectMemoryLimit(a, gc.history(), out);
        explicitGcStorm(gc, out);
    }

    /**
     * Puts the timing of old-generation collections into the evidence of delayed-reclamation and returns
     * the clause for its title: unreachable old buffers are only discovered by a collection of the old
     * generation (DOMAIN.md 3.5).
     */
    static String lastOldCollectionEvidence(GcJoin gc, Map<String, Object> e) {
        Optional<GcEvent> lastOld = gc.lastOldCollection();
        Double dump = gc.dumpUptime();
        double end = dump != null ? dump : gc.logEnd() != null ? gc.logEnd() : 0;
        e.put("collector", gc.history().collector().name());
        e.put("dumpUptimeSeconds", dump);
        e.put("lastOldCollectionUptimeSeconds", lastOld.map(GcEvent::uptimeSeconds).orElse(null));
        e.put("secondsSinceLastOldCollection", lastOld.map(l -> round(end - l.uptimeSeconds())).orElse(null));
        long youngSince = gc.before().stream().filter(x -> x.kind() == GcEvent.Kind.YOUNG
                && x.uptimeSeconds() > lastOld.map(GcEvent::uptimeSeconds).orElse(Double.NEGATIVE_INFINITY)).count();
        e.put("youngCollectionsSinceLastOldCollection", youngSince);
        e.put("fullCollections", gc.before().stream().filter(x -> x.kind() == GcEvent.Kind.FULL).count());
        gc.lastOldOccupancy().ifPresent(o -> {
            e.put("oldGenerationUsedBytes", o.oldAfterBytes());
            e.put("oldGenerationCapacityBytes", o.oldCapacityBytes());
            e.put("oldGenerationPercentUsed", round(100.0 * o.oldAfterBytes() / o.oldCapacityBytes()));
        });
        if (gc.history().collector() == Collector.CMS) {
            e.put("cmsInitiatingOccupancyFraction", gc.history().flags().get("CMSInitiatingOccupancyFraction"));
        }
        Double start = gc.logStart();
        if (lastOld.isPresent()) {
            return String.format(Locale.ROOT, "; the last old-generation collection ran %s before the dump, with %d young "
                    + "collections since", duration(end - lastOld.get().uptimeSeconds()), youngSince);
        }
        return start == null ? "" : String.format(Locale.ROOT, "; no old-generation collection ran in the %s the log covers "
                + "(%d young collections)", duration(end - Math.min(start, end)), youngSince);
    }

    private static void explicitGcDisabled(Totals t, GcHistory h, List<Finding> out) {
        if (!"true".equals(h.flags().get("DisableExplicitGC"))) {
            return;
        }
        boolean inUse = t == null || t.liveBytes() + t.awaitingGcBytes() > 0;
        if (!inUse) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("DisableExplicitGC", true);
        if (t != null) {
            e.put("awaitingGcBytes", t.awaitingGcBytes());
            e.put("liveBytes", t.liveBytes());
        }
        e.put("explicitGcCalls", h.explicitGcCalls().size());
        Severity s = t == null ? Severity.WARNING : t.awaitingGcBytes() > 0 ? Severity.CRITICAL : Severity.WARNING;
        out.add(new Finding("explicit-gc-disabled", s,
                "-XX:+DisableExplicitGC is set" + (t == null ? "" : " while direct buffers hold "
                        + Bytes.human(t.liveBytes() + t.awaitingGcBytes()))
                        + ": when direct memory runs short, the JDK cannot ask for the GC that would free it",
                e, "When an allocateDirect does not fit, java.nio.Bits.reserveMemory calls System.gc() so that unreachable "
                        + "buffers are discovered and their memory freed, then retries for about half a second. With "
                        + "-XX:+DisableExplicitGC that call does nothing, and buffers waiting in the old generation stay "
                        + "reserved until OutOfMemoryError: Direct buffer memory. Remove the flag; if it was set to stop "
                        + "libraries' System.gc() pauses, use -XX:+ExplicitGCInvokesConcurrent (G1, CMS) instead."));
    }

    private static void noDirectMemoryLimit(Accounting a, GcHistory h, List<Finding> out) {
        if (h.flags().isEmpty() || h.flags().containsKey("MaxDirectMemorySize")) {
            return; // without flags in the log we cannot tell whether the limit was set
        }
        Map<String, Object> e = new LinkedHashMap<>();
        Long effective = a != null && a.maxDirectMemory() != null ? a.maxDirectMemory() : null;
        long heapMax = h.maxHeapBytes();
        e.put("MaxDirectMemorySize", null);
        e.put("effectiveLimitBytes", effective);
        e.put("maxHeapBytes", heapMax >= 0 ? heapMax : null);
        String limit = effective != null ? Bytes.human(effective) : heapMax >= 0 ? "about " + Bytes.human(heapMax) : "the heap size";
        out.add(new Finding("no-direct-memory-limit", Severity.INFO,
                "-XX:MaxDirectMemorySize is not set: direct memory may grow to " + limit + ", the maximum heap size",
                e, "Without the flag the JDK allows as much direct memory as the heap's maximum (Runtime.maxMemory(), "
                        + "DOMAIN: sun.nio.MaxDirectMemorySize unset), on top of the heap itself, so the process can use "
                        + "about twice -Xmx before the OutOfMemoryError. Set -XX:MaxDirectMemorySize to what the container "
                        + "or host can really give, so that the JDK's System.gc() safety net runs in time."));
    }

    /**
     * Repeated System.gc() full collections: what Bits.reserveMemory does when direct memory is near its
     * limit (DOMAIN.md 3.1), and a cost of its own (full pauses).
     */
    private static void explicitGcStorm(GcJoin gc, List<Finding> out) {
        List<GcEvent> explicit = gc.before().stream()
                .filter(e -> e.isExplicit() && (e.kind() == GcEvent.Kind.FULL || e.kind() == GcEvent.Kind.CONCURRENT_CYCLE))
                .toList();
        int most = 0;
        int from = 0;
        for (int to = 0; to < explicit.size(); to++) {
            while (explicit.get(to).uptimeSeconds() - explicit.get(from).uptimeSeconds() > STORM_WINDOW_SECONDS) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        if (most < STORM_COLLECTIONS) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("explicitCollections", explicit.size());
        e.put("mostInOneMinute", most);
        e.put("firstUptimeSeconds", explicit.get(0).uptimeSeconds());
        e.put("lastUptimeSeconds", explicit.get(explicit.size() - 1).uptimeSeconds());
        double pauses = explicit.stream().mapToDouble(GcEvent::durationSeconds).filter(d -> !Double.isNaN(d)).sum();
        e.put("totalPauseSeconds", round(pauses));
        out.add(new Finding("explicit-gc-storm", Severity.WARNING,
                explicit.size() + " collections were caused by System.gc(), up to " + most + " in one minute",
                e, "java.nio.Bits.reserveMemory calls System.gc() each time an allocateDirect finds direct memory near "
                        + "its limit, so a burst of System.gc() collections usually means the application is allocating "
                        + "direct buffers faster than they are released, or holds too many. Find the holder (retainers in "
                        + "the dump), reuse buffers, or raise -XX:MaxDirectMemorySize; other libraries (RMI's distributed "
                        + "GC, every hour by default) also call System.gc()."));
    }

    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
