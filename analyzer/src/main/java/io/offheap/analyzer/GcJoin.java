package io.offheap.analyzer;

import io.offheap.gclog.GcEvent;
import io.offheap.gclog.GcHistory;
import io.offheap.gclog.HeapLayout;
import io.offheap.gclog.RegionTable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Puts the dump on the GC log's timeline and reads, from the collections before it, what the dump alone
 * cannot say: which generation each buffer sits in (address ranges of the last heap printout or G1 region
 * table before the dump; DOMAIN.md 6.4) and when an old-generation collection last ran.
 */
final class GcJoin {
    private static final double COVERAGE_GAP_SECONDS = 300;
    private final GcHistory history;
    private final Double dumpUptime;
    private final List<GcEvent> before;
    private final List<String> warnings = new ArrayList<>();
    private String layoutSource;
    /** The log was written by another JVM than the dump: its address ranges say nothing about the dump's objects. */
    private boolean otherJvm;
    private LongFunction<Generation> generation = a -> Generation.UNKNOWN;

    private GcJoin(GcHistory history, Instant dumpTime, String dumpJdkRange) {
        this.history = history;
        warnings.addAll(history.warnings());
        this.dumpUptime = place(dumpTime);
        List<GcEvent> events = new ArrayList<>();
        for (GcEvent e : history.events()) {
            if (dumpUptime == null || Double.isNaN(e.uptimeSeconds()) || e.uptimeSeconds() <= dumpUptime) {
                events.add(e);
            }
        }
        this.before = events;
        checkVersion(dumpJdkRange);
        if (!otherJvm) {
            chooseLayout();
        }
    }

    /** Joins a history with a dump written at {@code dumpTime}; both may be null for the GC-only command. */
    static GcJoin of(GcHistory history, Instant dumpTime, String dumpJdkRange) {
        return new GcJoin(history, dumpTime, dumpJdkRange);
    }

    private Double place(Instant dumpTime) {
        if (dumpTime == null) {
            return null;
        }
        if (history.jvmStart() == null) {
            warnings.add("the GC log carries no wall-clock time, so the dump cannot be placed on it: all its collections "
                    + "are taken as before the dump (decorate the log with time and uptime, e.g. -Xlog:gc*:file=gc.log:time,uptime)");
            return null;
        }
        double uptime = Duration.between(history.jvmStart(), dumpTime).toMillis() / 1000.0;
        double first = history.events().isEmpty() ? 0 : history.events().get(0).uptimeSeconds();
        if (uptime < 0 || uptime < first - 1) {
            otherJvm = true;
            warnings.add(String.format(java.util.Locale.ROOT, "the dump was written %s the GC log's first collection: the log "
                    + "belongs to another JVM run (JVM started %s, dump written %s)",
                    uptime < 0 ? "before the JVM of" : "before", history.jvmStart(), dumpTime));
        }
        double last = history.events().isEmpty() ? 0 : history.events().get(history.events().size() - 1).uptimeSeconds();
        if (uptime - last > COVERAGE_GAP_SECONDS && uptime - last > (last - first) / 10) {
            // A quiet heap can go that long without a collection, which is the very case Offheap looks for;
            // but a rotated-away or cut log looks the same, so say what the log does not cover.
            warnings.add(String.format(java.util.Locale.ROOT, "the GC log's last collection is %s before the dump: if the "
                    + "log was rotated or cut since, collections after it are missing", GcFindings.duration(uptime - last)));
        }
        return uptime;
    }

    /** A log from JDK 17 cannot describe a dump whose classes say JDK 21 or later. */
    private void checkVersion(String dumpJdkRange) {
        if (history.jvmVersion() == null || dumpJdkRange == null) {
            return;
        }
        int feature = feature(history.jvmVersion());
        boolean fits = switch (dumpJdkRange) {
            case "21 or later" -> feature >= 21;
            case "9 to 20" -> feature >= 9 && feature <= 20;
            case "9 or later" -> feature >= 9;
            case "7 or 8" -> feature == 7 || feature == 8;
            case "5 or 6" -> feature == 5 || feature == 6;
            default -> true;
        };
        if (feature > 0 && !fits) {
            otherJvm = true;
            warnings.add("the GC log is from JVM " + history.jvmVersion() + " but the dump's classes say JDK " + dumpJdkRange
                    + ": they come from different JVMs");
        }
    }

    static int feature(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
    }

    /**
     * Serial, Parallel and CMS keep young and old in fixed ranges for the whole run, so the last printout
     * before the dump classifies by address; G1 needs a region table. Anything else stays unknown.
     */
    private void chooseLayout() {
        HeapLayout layout = null;
        for (HeapLayout l : history.layouts()) {
            boolean generational = l.spaces().stream().anyMatch(s -> s.generation() == io.offheap.gclog.Generation.OLD);
            if (generational && (dumpUptime == null || Double.isNaN(l.uptimeSeconds()) || l.uptimeSeconds() <= dumpUptime
                    || layout == null)) {
                layout = l;
            }
        }
        if (layout != null) {
            HeapLayout chosen = layout;
            layoutSource = chosen.source();
            generation = a -> convert(chosen.generationOf(a));
            return;
        }
        RegionTable table = null;
        for (RegionTable t : history.regionTables()) {
            // G1 regions change roles at every collection: a table from after the dump would be a guess.
            if (dumpUptime == null || t.uptimeSeconds() <= dumpUptime) {
                table = t;
            }
        }
        if (table != null) {
            RegionTable chosen = table;
            layoutSource = chosen.source() + " (G1 region table; regions allocated after it are unknown)";
            generation = a -> convert(chosen.generationOf(a));
        }
    }

    private static Generation convert(io.offheap.gclog.Generation g) {
        return switch (g) {
            case YOUNG -> Generation.YOUNG;
            case OLD -> Generation.OLD;
            default -> Generation.UNKNOWN;
        };
    }

    Generation generationOf(long objectAddress) {
        return generation.apply(objectAddress);
    }

    Double dumpUptime() {
        return dumpUptime;
    }

    GcHistory history() {
        return history;
    }

    /** Collections known to have happened before the dump. */
    List<GcEvent> before() {
        return before;
    }

    Optional<GcEvent> lastOldCollection() {
        GcEvent last = null;
        for (GcEvent e : before) {
            if (e.kind().collectsOld()) {
                last = e;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The last event before the dump that reports the old generation's occupancy. */
    Optional<GcEvent> lastOldOccupancy() {
        GcEvent last = null;
        for (GcEvent e : before) {
            if (e.oldAfterBytes() >= 0 && e.oldCapacityBytes() > 0) {
                last = e;
            }
        }
        return Optional.ofNullable(last);
    }

    /** Uptime of the first event, or null for an empty log. */
    Double logStart() {
        return history.events().isEmpty() ? null : history.events().get(0).uptimeSeconds();
    }

    Double logEnd() {
        return history.events().isEmpty() ? null : history.events().get(history.events().size() - 1).uptimeSeconds();
    }

    GcSummary summary() {
        List<GcPoint> timeline = new ArrayList<>(history.events().size());
        int young = 0, full = 0, concurrent = 0, explicit = 0;
        for (GcEvent e : before) {
            switch (e.kind()) {
                case YOUNG, MIXED -> young++;
                case FULL -> full++;
                case CONCURRENT_CYCLE -> concurrent++;
                default -> { }
            }
            explicit += e.isExplicit() ? 1 : 0;
        }
        for (GcEvent e : history.events()) {
            timeline.add(new GcPoint(e.uptimeSeconds(), e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    e.cause(), e.durationSeconds(), e.heapAfterBytes(), e.heapCapacityBytes(), e.oldAfterBytes(),
                    e.oldCapacityBytes()));
        }
        return new GcSummary(history.files().stream().map(Path::toString).toList(), history.collector().name(),
                history.jvmVersion(), new java.util.TreeMap<>(history.flags()), before.size(), young, full, concurrent,
                explicit, logStart(), logEnd(), dumpUptime,
                lastOldCollection().map(GcEvent::uptimeSeconds).orElse(null), layoutSource, timeline, List.copyOf(warnings));
    }
}
