package io.offheap.gclog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pause and cycle records of a pre-unified log found straight in the text: every {@code [Full GC},
 * every {@code [GC} that opens a collection, and the start of each concurrent mark. It counts them as a
 * check on GCViewer, locates GCViewer's events in the file, and stands in for GCViewer where it parses
 * nothing.
 *
 * <p>A {@code [GC} record that also collects the old generation in the foreground, marked by
 * {@code [Tenured}, {@code [CMS:} or {@code (concurrent mode failure)} on its own or a following line
 * (CMS and Serial before JDK 8 print promotion and concurrent-mode failures this way), is a full
 * collection, as the JVM treats it.
 */
final class LegacyPauses {
    private static final Pattern OPENING = Pattern.compile(
            "(?:(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[.,]\\d{3}[+-]\\d{2}:?\\d{2}): )?(?:(\\d{1,12}[.,]\\d{1,9}): )?"
                    + "(?:#\\d{1,12}: )?\\[(Full GC|GC|(?:AS)?CMS-concurrent-mark-start\\])");
    private static final Pattern YOUNG_REST = Pattern.compile("^(--)?(\\s*$|\\s*[\\[(0-9]|\\s*Before GC|AdaptiveSize)");
    private static final Pattern CAUSE = Pattern.compile("^(?:--)? ?\\(((?:[^()]|\\(\\))*)\\)");
    private static final Set<String> G1_SUBTYPES = Set.of("young", "mixed", "partial", "initial-mark");
    private static final String[] FOREGROUND_OLD = {"(concurrent mode failure)", "[CMS:", "[Tenured"};

    /** One record as found in the text; uptime NaN and wallClock null when not stamped. */
    record PauseLine(GcEvent.Kind kind, double uptimeSeconds, Instant wallClock, String cause, long line) {
    }

    private final List<PauseLine> lines = new ArrayList<>();
    private int open = -1;
    private boolean upgraded;

    void scan(String line, long number) {
        Matcher m = OPENING.matcher(line);
        int from = 0;
        while (m.find()) {
            foregroundOld(line.substring(from, m.start()));
            from = m.end();
            PauseLine p = classify(m, line.substring(m.end(), nextOpening(line, m.end())), number);
            if (p != null) {
                lines.add(p);
                if (p.kind() != GcEvent.Kind.CONCURRENT_CYCLE) {
                    open = lines.size() - 1;
                    upgraded = false;
                }
            }
        }
        foregroundOld(line.substring(from));
    }

    private PauseLine classify(Matcher m, String rest, long number) {
        double uptime = m.group(2) == null ? Double.NaN : Timestamps.seconds(m.group(2));
        Instant wall = m.group(1) == null ? null : Timestamps.wallClock(m.group(1));
        GcEvent.Kind kind;
        switch (m.group(3)) {
            case "Full GC" -> kind = GcEvent.Kind.FULL;
            case "CMS-concurrent-mark-start]", "ASCMS-concurrent-mark-start]" -> kind = GcEvent.Kind.CONCURRENT_CYCLE;
            default -> kind = gcKind(rest);
        }
        if (kind == null) {
            return null;
        }
        Matcher c = CAUSE.matcher(rest.startsWith(" pause") ? rest.substring(6) : rest);
        String cause = c.find() && !c.group(1).startsWith("CMS ") && !G1_SUBTYPES.contains(c.group(1)) ? c.group(1) : null;
        return new PauseLine(kind, uptime, wall, "System".equals(cause) ? "System.gc()" : cause, number);
    }

    /** Where the next record opens on the line, so that each record is classified by its own text. */
    private static int nextOpening(String line, int from) {
        int gc = line.indexOf("[GC", from);
        int full = line.indexOf("[Full GC", from);
        return gc < 0 && full < 0 ? line.length() : gc < 0 ? full : full < 0 ? gc : Math.min(gc, full);
    }

    private static GcEvent.Kind gcKind(String rest) {
        if (rest.startsWith(" concurrent-mark-start")) {
            return GcEvent.Kind.CONCURRENT_CYCLE;
        } else if (rest.startsWith(" remark") || rest.contains("[YG occupancy") || rest.contains("CMS-remark")) {
            // a "[GC (CMS Final Remark) [ParNew: ..." without these is the scavenge before the remark
            return GcEvent.Kind.REMARK;
        } else if (rest.startsWith(" cleanup")) {
            return GcEvent.Kind.CLEANUP;
        } else if (rest.contains("CMS-initial-mark") || rest.startsWith(" (CMS Initial Mark)")) {
            return GcEvent.Kind.INITIAL_MARK;
        } else if (rest.startsWith(" pause")) {
            return rest.contains("(mixed)") || rest.contains("(partial)") ? GcEvent.Kind.MIXED : GcEvent.Kind.YOUNG;
        }
        return YOUNG_REST.matcher(rest).find() ? GcEvent.Kind.YOUNG : null;
    }

    private void foregroundOld(String text) {
        if (open < 0 || upgraded || lines.get(open).kind() != GcEvent.Kind.YOUNG) {
            return;
        }
        for (String marker : FOREGROUND_OLD) {
            if (text.contains(marker)) {
                PauseLine p = lines.get(open);
                lines.set(open, new PauseLine(GcEvent.Kind.FULL, p.uptimeSeconds(), p.wallClock(), p.cause(), p.line()));
                upgraded = true;
                return;
            }
        }
    }

    List<PauseLine> lines() {
        return lines;
    }

    LineCounts counts() {
        int[] n = new int[GcEvent.Kind.values().length];
        int explicit = 0;
        for (PauseLine p : lines) {
            n[p.kind().ordinal()]++;
            explicit += p.cause() != null && p.cause().contains("System.gc()") ? 1 : 0;
        }
        return new LineCounts(n[GcEvent.Kind.FULL.ordinal()], n[GcEvent.Kind.YOUNG.ordinal()], n[GcEvent.Kind.MIXED.ordinal()],
                n[GcEvent.Kind.INITIAL_MARK.ordinal()], n[GcEvent.Kind.REMARK.ordinal()],
                n[GcEvent.Kind.CONCURRENT_CYCLE.ordinal()], explicit);
    }
}
