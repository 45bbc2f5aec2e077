package io.offheap.reports;

import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Bytes;
import io.offheap.analyzer.Comparison;
import io.offheap.analyzer.Footprint;
import io.offheap.analyzer.RetainerGrowth;
import io.offheap.analyzer.Snapshot;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The terminal summary of {@code offheap diff} (two dumps) and {@code offheap trend} (more). */
final class DiffTextReport {
    private static final int TOP_RETAINERS = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private DiffTextReport() {
    }

    static String of(Comparison c) {
        StringBuilder out = new StringBuilder();
        boolean trend = c.dumps().size() > 2;
        out.append(trend ? "Offheap trend over " + c.dumps().size() + " dumps\n" : "Offheap diff\n");
        for (int i = 0; i < c.dumps().size(); i++) {
            Snapshot s = c.dumps().get(i);
            String label = trend ? String.format(Locale.ROOT, "%d", i + 1) : i == 0 ? "older" : "newer";
            out.append(String.format(Locale.ROOT, "  %-5s %s, written %s%s%n", label, Terminal.safe(s.dump().path()),
                    TIME.format(s.dump().timestamp()), s.dump().truncated() ? ", TRUNCATED" : ""));
        }
        out.append('\n').append("Verdict: ").append(Terminal.safe(c.verdict())).append("\n\n");
        if (trend) {
            dumps(out, c);
        } else {
            totals(out, c);
        }
        retainers(out, c, trend);
        if (!c.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            c.warnings().forEach(w -> out.append("  - ").append(Terminal.safe(w)).append('\n'));
        }
        return out.toString();
    }

    private static void totals(StringBuilder out, Comparison c) {
        Footprint o = c.older().footprint();
        Footprint n = c.newer().footprint();
        Footprint d = c.change();
        out.append(String.format(Locale.ROOT, "  %-28s %12s %12s %12s%n", "", "older", "newer", "change"));
        row(out, "live", o.liveBytes(), n.liveBytes(), d.liveBytes());
        row(out, "awaiting-gc", o.awaitingGcBytes(), n.awaitingGcBytes(), d.awaitingGcBytes());
        row(out, "unowned", o.unownedBytes(), n.unownedBytes(), d.unownedBytes());
        row(out, "mapped", o.mappedBytes(), n.mappedBytes(), d.mappedBytes());
        bits(out, "java.nio.Bits reserved", c, Accounting::reservedMemory, true);
        bits(out, "java.nio.Bits count", c, Accounting::count, false);
        bits(out, "limit (MaxDirectMemorySize)", c, Accounting::maxDirectMemory, true);
        if (c.hours() != null) {
            out.append(String.format(Locale.ROOT, "  %s apart; live memory changed by %s per hour%n",
                    duration(c.hours()), signed(Math.round(c.liveBytesPerHour()))));
        }
    }

    private static void row(StringBuilder out, String name, long older, long newer, long change) {
        out.append(String.format(Locale.ROOT, "  %-28s %12s %12s %12s%n", name, Bytes.human(older), Bytes.human(newer), signed(change)));
    }

    private static void bits(StringBuilder out, String name, Comparison c, Function<Accounting, Long> figure, boolean bytes) {
        Long o = figure.apply(c.older().accounting());
        Long n = figure.apply(c.newer().accounting());
        out.append(String.format(Locale.ROOT, "  %-28s %12s %12s %12s%n", name, figure(o, bytes), figure(n, bytes),
                o == null || n == null ? "" : bytes ? signed(n - o) : String.format(Locale.ROOT, "%+d", n - o)));
    }

    /** One line per dump: when, and the four figures. */
    private static void dumps(StringBuilder out, Comparison c) {
        out.append(String.format(Locale.ROOT, "  %-5s %10s %12s %12s %12s %12s %14s%n", "dump", "after", "live", "awaiting-gc",
                "unowned", "mapped", "Bits reserved"));
        for (int i = 0; i < c.dumps().size(); i++) {
            Snapshot s = c.dumps().get(i);
            Footprint f = s.footprint();
            out.append(String.format(Locale.ROOT, "  %-5d %10s %12s %12s %12s %12s %14s%n", i + 1,
                    i == 0 || s.hours() == null ? "" : duration(s.hours()),
                    Bytes.human(f.liveBytes()), Bytes.human(f.awaitingGcBytes()), Bytes.human(f.unownedBytes()),
                    Bytes.human(f.mappedBytes()), figure(s.accounting().reservedMemory(), true)));
        }
        if (c.liveBytesPerHour() != null) {
            out.append(String.format(Locale.ROOT, "  live memory: %s per hour (least squares over the %d dumps)%n",
                    signed(Math.round(c.liveBytesPerHour())), c.dumps().size()));
        }
    }

    private static void retainers(StringBuilder out, Comparison c, boolean trend) {
        if (c.retainers().isEmpty()) {
            out.append("\nNo retainer holds live memory in any of the dumps.\n");
            return;
        }
        out.append("\nWho holds the live memory, biggest growth first:\n");
        List<RetainerGrowth> shown = c.retainers().subList(0, Math.min(TOP_RETAINERS, c.retainers().size()));
        for (RetainerGrowth r : shown) {
            String figures = trend ? series(r) : Bytes.human(r.bytes().get(0)) + " -> " + Bytes.human(r.bytes().get(1));
            out.append(String.format(Locale.ROOT, "  %12s  %s  (%s; buffers %d -> %d)%s%n", signed(r.deltaBytes()),
                    Terminal.safe(r.holderName()), figures, r.buffers().get(0), r.buffers().get(r.buffers().size() - 1),
                    r.appeared() ? " NEW" : r.vanished() ? " GONE" : ""));
            List<String> notes = new ArrayList<>();
            if (r.bytesPerHour() != null && r.deltaBytes() != 0) {
                notes.add(signed(Math.round(r.bytesPerHour())) + " per hour");
            }
            if (r.pathChanged()) {
                notes.add("its path from a GC root changed between dumps");
            }
            if (!notes.isEmpty()) {
                out.append("                ").append(String.join("; ", notes)).append('\n');
            }
            if (!r.path().isEmpty()) {
                out.append("                from GC root (").append(Terminal.safe(r.root())).append("): ")
                        .append(Terminal.safe(String.join(" -> ", r.path()))).append('\n');
            }
        }
        if (c.retainers().size() > shown.size()) {
            out.append("  ... and ").append(c.retainers().size() - shown.size()).append(" more (see --json or --html)\n");
        }
    }

    private static String series(RetainerGrowth r) {
        List<String> parts = new ArrayList<>();
        r.bytes().forEach(b -> parts.add(Bytes.human(b)));
        return String.join(", ", parts);
    }

    private static String figure(Long v, boolean bytes) {
        return v == null ? "n/a" : bytes ? Bytes.human(v) : Long.toString(v);
    }

    static String signed(long bytes) {
        return bytes == 0 ? "0" : (bytes > 0 ? "+" : "-") + Bytes.human(Math.abs(bytes));
    }

    private static String duration(double hours) {
        double minutes = hours * 60;
        return minutes < 2 ? String.format(Locale.ROOT, "%.1f s", minutes * 60)
                : minutes < 120 ? String.format(Locale.ROOT, "%.0f min", minutes)
                : String.format(Locale.ROOT, "%.1f h", hours);
    }
}
