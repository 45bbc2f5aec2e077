package io.offheap.reports;

import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.Retainer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The buffers table: every buffer when there are few, else the {@link #TOP_ROWS} biggest by reserved
 * bytes then capacity, and the rest summed by kind, state and class, so a report of a dump with
 * hundreds of thousands of buffers stays a few hundred kilobytes and opens at once.
 */
record BufferTable(List<Row> rows, Totals shown, Totals all, List<Group> rest, Totals restTotals, boolean groupsCut) {
    static final int TOP_ROWS = 1_000;
    static final int MAX_GROUPS = 200;

    static final Comparator<Buffer> BIGGEST_FIRST = Comparator.comparingLong(Buffer::reservedBytes).reversed()
            .thenComparing(Comparator.comparingLong(Buffer::capacity).reversed())
            .thenComparingLong(Buffer::id);

    /** One buffer; {@code holder} names its retainer when the retainer is in the diagnosis' list. */
    record Row(int rank, Buffer buffer, String holder, String holderTitle) {
    }

    /** Buffers not shown one by one, summed by kind, state and class. */
    record Group(String kind, String state, String className, int count, long capacity, long reserved) {
    }

    record Totals(int count, long capacity, long reserved) {
        static Totals of(List<Buffer> buffers) {
            long capacity = 0, reserved = 0;
            for (Buffer b : buffers) {
                capacity += b.capacity();
                reserved += b.reservedBytes();
            }
            return new Totals(buffers.size(), capacity, reserved);
        }
    }

    boolean truncated() {
        return restTotals.count() > 0;
    }

    static BufferTable of(List<Buffer> buffers, List<Retainer> retainers) {
        List<Buffer> sorted = new ArrayList<>(buffers);
        sorted.sort(BIGGEST_FIRST);
        List<Buffer> top = sorted.subList(0, Math.min(TOP_ROWS, sorted.size()));
        List<Buffer> others = sorted.subList(top.size(), sorted.size());
        Map<Long, Retainer> byId = new HashMap<>();
        for (Retainer r : retainers) {
            byId.putIfAbsent(r.id(), r);
        }
        List<Row> rows = new ArrayList<>(top.size());
        for (Buffer b : top) {
            Retainer r = b.retainer() == 0 ? null : byId.get(b.retainer());
            String holder = r != null ? HtmlPage.shortHolderName(r) : b.retainer() != 0 ? Text.hex(b.retainer()) : null;
            String title = r != null ? r.holderName() + " (" + Text.hex(r.id()) + ")"
                    : b.retainer() != 0 ? "object " + Text.hex(b.retainer()) + " keeps this buffer reachable" : null;
            rows.add(new Row(rows.size() + 1, b, holder, title));
        }
        Map<List<String>, long[]> groups = new LinkedHashMap<>();
        for (Buffer b : others) {
            long[] g = groups.computeIfAbsent(List.of(b.kind().label(), b.state().label(), b.className()), k -> new long[3]);
            g[0]++;
            g[1] += b.capacity();
            g[2] += b.reservedBytes();
        }
        List<Group> rest = new ArrayList<>();
        groups.forEach((k, g) -> rest.add(new Group(k.get(0), k.get(1), k.get(2), (int) g[0], g[1], g[2])));
        rest.sort(Comparator.comparingLong(Group::reserved).reversed().thenComparing(Comparator.comparingInt(Group::count).reversed()));
        boolean cut = rest.size() > MAX_GROUPS;
        return new BufferTable(List.copyOf(rows), Totals.of(top), Totals.of(buffers),
                List.copyOf(rest.subList(0, Math.min(MAX_GROUPS, rest.size()))), Totals.of(others), cut);
    }
}
