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
        if (d instanceof HolderDetail.NettyArena a) {
            return String.format(Locale.ROOT, "%10s  arena %d: %d chunks of %s, %s used (%s of it in %d thread caches), %s free; "
                            + "%d huge, %s", Bytes.human(a.usedBytes() + a.freeBytes() + a.hugeBytes()), a.index(), a.chunks(),
                    Bytes.human(a.chunkSize()), Bytes.human(a.usedBytes()), Bytes.human(a.cachedBytes()), a.threadCaches(),
                    Bytes.human(a.freeBytes()), a.hugeChunks(), Bytes.human(a.hugeBytes()));
        }
        if (d instanceof HolderDetail.NettyThreadCache t) {
            return String.format(Locale.ROOT, "%10s  %d entries cached for arena %d by thread %s", Bytes.human(t.bytes()),
                    t.entries(), t.index(), t.thread() == null ? "(not in the dump)" : "\"" + t.thread() + "\"");
        }
        if (d instanceof HolderDetail.NettyBuffer b) {
            return String.format(Locale.ROOT, "%10s  %s  %s%s", Bytes.human(b.capacity()), b.state().label(), b.className(),
                    b.noCleaner() ? " (no cleaner: freed only by release())" : "");
        }
        if (d instanceof HolderDetail.NettyCounter c) {
            return String.format(Locale.ROOT, "%10s  counted by %s, limit %s%s", c.usedBytes() == null ? "-" : Bytes.human(c.usedBytes()),
                    c.className(), c.limitBytes() == null ? "unknown" : Bytes.human(c.limitBytes()),
                    Boolean.TRUE.equals(c.noCleaner()) ? " (no-cleaner buffers)" : "");
        }
        if (d instanceof HolderDetail.ForeignBuffer f) {
            return String.format(Locale.ROOT, "%10s  %s  segment of %s at %s, %s arena %s", Bytes.human(f.capacity()), f.state().label(),
                    Bytes.human(f.length()), Text.hex(f.address()), f.arena() == null ? "unknown" : f.arena(),
                    f.arenaState() == null ? "(state not in the dump)" : f.arenaState());
        }
        HolderDetail.UnexplainedBuffer u = (HolderDetail.UnexplainedBuffer) d;
        return String.format(Locale.ROOT, "%10s  %s  %s", Bytes.human(u.capacity()), u.state().label(),
                u.path().isEmpty() ? "(unreachable)" : String.join(" -> ", u.path()));
    }
}
