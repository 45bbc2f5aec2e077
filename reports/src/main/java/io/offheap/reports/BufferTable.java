package io.offheap.reports;

import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.BufferKind;
import io.offheap.analyzer.BufferState;
import io.offheap.analyzer.Retainer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

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
        int[] biggest = biggest(buffers, TOP_ROWS);
        boolean[] shown = new boolean[buffers.size()];
        List<Buffer> top = new ArrayList<>(biggest.length);
        for (int i : biggest) {
            shown[i] = true;
            top.add(buffers.get(i));
        }
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
        final class Sum {
            Buffer biggest;
            int biggestAt;
            int count;
            long capacity;
            long reserved;
        }
        // By kind and state, then by class name: a record key per buffer hashed through its generated
        // hashCode, which runs slowly until compiled, cost this loop 70 ms on a report's first rendering.
        int states = BufferState.values().length;
        List<Map<String, Sum>> groups = new ArrayList<>();
        for (int i = 0; i < BufferKind.values().length * states; i++) {
            groups.add(new HashMap<>());
        }
        long capacity = 0, reserved = 0;
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            if (shown[i]) {
                continue;
            }
            Sum g = groups.get(b.kind().ordinal() * states + b.state().ordinal()).computeIfAbsent(b.className(), k -> new Sum());
            if (g.biggest == null || BIGGEST_FIRST.compare(b, g.biggest) < 0) {
                g.biggest = b;
                g.biggestAt = i;
            }
            g.count++;
            g.capacity += b.capacity();
            g.reserved += b.reservedBytes();
            capacity += b.capacity();
            reserved += b.reservedBytes();
        }
        // Ties in bytes and count go the way of the groups' biggest buffers (of equal ones, the first).
        List<Sum> sums = new ArrayList<>();
        groups.forEach(byClass -> sums.addAll(byClass.values()));
        sums.sort(Comparator.<Sum>comparingLong(g -> g.reserved).reversed()
                .thenComparing(Comparator.<Sum>comparingInt(g -> g.count).reversed())
                .thenComparing(g -> g.biggest, BIGGEST_FIRST)
                .thenComparingInt(g -> g.biggestAt));
        List<Group> rest = sums.stream().limit(MAX_GROUPS).map(g -> new Group(g.biggest.kind().label(),
                g.biggest.state().label(), g.biggest.className(), g.count, g.capacity, g.reserved)).toList();
        return new BufferTable(List.copyOf(rows), Totals.of(top), Totals.of(buffers), rest,
                new Totals(buffers.size() - top.size(), capacity, reserved), sums.size() > MAX_GROUPS);
    }

    /**
     * The positions of the {@code limit} biggest buffers, biggest first, of equal ones the first. A bounded heap:
     * on a dump with hundreds of thousands of buffers, sorting them all to show a thousand took most of the page's time.
     */
    static int[] biggest(List<Buffer> buffers, int limit) {
        record Ranked(Buffer buffer, int index) {
        }
        Comparator<Ranked> order = Comparator.comparing(Ranked::buffer, BIGGEST_FIRST).thenComparingInt(Ranked::index);
        PriorityQueue<Ranked> kept = new PriorityQueue<>(limit + 1, order.reversed()); // the least of those kept on top
        for (int i = 0; i < buffers.size(); i++) {
            Ranked r = new Ranked(buffers.get(i), i);
            if (kept.size() < limit) {
                kept.add(r);
            } else if (limit > 0 && order.compare(r, kept.peek()) < 0) {
                kept.poll();
                kept.add(r);
            }
        }
        return kept.stream().sorted(order).mapToInt(Ranked::index).toArray();
    }
}
