package io.offheap.reports;

import io.offheap.analyzer.Bytes;
import io.offheap.analyzer.Holder;
import io.offheap.analyzer.HolderDetail;

import java.util.List;
import java.util.Locale;

/** The well-known holders in the text summary: one line each, the top few details, the advice. */
final class HolderText {
    private static final int TOP_DETAILS = 5;

    private HolderText() {
    }

    static void append(StringBuilder out, List<Holder> holders) {
        if (holders.isEmpty()) {
            return;
        }
        out.append("\nWell-known holders:\n");
        for (Holder h : holders) {
            out.append("  ").append(Terminal.safe(h.description())).append('\n');
            for (HolderDetail d : h.details().subList(0, Math.min(TOP_DETAILS, h.details().size()))) {
                out.append("      ").append(Terminal.safe(line(d))).append('\n');
            }
            if (h.details().size() > TOP_DETAILS) {
                out.append("      ... and ").append(h.details().size() - TOP_DETAILS).append(" more (see --json)\n");
            }
            out.append("    Advice: ").append(Terminal.safe(h.advice())).append('\n');
        }
    }

    private static String line(HolderDetail d) {
        if (d instanceof HolderDetail.ThreadCache t) {
            return String.format(Locale.ROOT, "%10s  %d buffers, largest %s  thread %s", Bytes.human(t.bytes()), t.buffers(),
                    Bytes.human(t.largestBytes()), t.thread() == null ? "(unnamed)" : "\"" + t.thread() + "\"");
        }
        if (d instanceof HolderDetail.MappedFile m) {
            return String.format(Locale.ROOT, "%10s  %s  %s", Bytes.human(m.bytes()), m.state().label(),
                    m.file() == null ? "(file not in the dump)" : m.file());
        }
        HolderDetail.UnexplainedBuffer u = (HolderDetail.UnexplainedBuffer) d;
        return String.format(Locale.ROOT, "%10s  %s  %s", Bytes.human(u.capacity()), u.state().label(),
                u.path().isEmpty() ? "(unreachable)" : String.join(" -> ", u.path()));
    }
}
