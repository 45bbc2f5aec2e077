package io.offheap.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Comparison;
import io.offheap.analyzer.Footprint;
import io.offheap.analyzer.RetainerGrowth;
import io.offheap.analyzer.Snapshot;

/**
 * The {@code offheap/1} JSON of a comparison: a {@code diff} section (oldest against newest dump) always,
 * and a {@code trend} section (every dump, every retainer's series and slope) when there are more than two
 * dumps. Names other tools read stand here; add fields freely, rename none.
 */
final class DiffJsonReport {
    private DiffJsonReport() {
    }

    static ObjectNode of(Comparison c) {
        ObjectNode root = JsonReport.mapper().createObjectNode();
        root.put("schema", JsonReport.SCHEMA);
        root.set("diff", diff(c));
        if (c.dumps().size() > 2) {
            root.set("trend", trend(c));
        }
        root.put("verdict", c.verdict());
        ArrayNode warnings = root.putArray("warnings");
        c.warnings().forEach(warnings::add);
        return root;
    }

    private static ObjectNode diff(Comparison c) {
        ObjectNode n = JsonReport.mapper().createObjectNode();
        n.set("older", dump(c.older()));
        n.set("newer", dump(c.newer()));
        n.put("hours", c.hours());
        ObjectNode totals = n.putObject("totals");
        totals.set("older", footprint(c.older().footprint()));
        totals.set("newer", footprint(c.newer().footprint()));
        totals.set("delta", footprint(c.change()));
        n.put("liveBytesPerHour", c.liveBytesPerHour());
        ObjectNode accounting = n.putObject("accounting");
        accounting.set("older", accounting(c.older().accounting()));
        accounting.set("newer", accounting(c.newer().accounting()));
        ArrayNode retainers = n.putArray("retainers");
        for (RetainerGrowth r : c.retainers()) {
            ObjectNode g = holder(r);
            g.put("olderBytes", r.bytes().get(0));
            g.put("newerBytes", r.bytes().get(r.bytes().size() - 1));
            g.put("deltaBytes", r.deltaBytes());
            g.put("olderBuffers", r.buffers().get(0));
            g.put("newerBuffers", r.buffers().get(r.buffers().size() - 1));
            g.put("bytesPerHour", r.bytesPerHour());
            retainers.add(g);
        }
        return n;
    }

    private static ObjectNode trend(Comparison c) {
        ObjectNode n = JsonReport.mapper().createObjectNode();
        ArrayNode dumps = n.putArray("dumps");
        for (Snapshot s : c.dumps()) {
            ObjectNode d = dump(s);
            d.put("hours", s.hours());
            d.setAll(footprint(s.footprint()));
            d.set("accounting", accounting(s.accounting()));
            dumps.add(d);
        }
        n.put("liveBytesPerHour", c.liveBytesPerHour());
        ArrayNode retainers = n.putArray("retainers");
        for (RetainerGrowth r : c.retainers()) {
            ObjectNode g = holder(r);
            ArrayNode bytes = g.putArray("bytes");
            r.bytes().forEach(bytes::add);
            ArrayNode buffers = g.putArray("buffers");
            r.buffers().forEach(buffers::add);
            g.put("deltaBytes", r.deltaBytes());
            g.put("bytesPerHour", r.bytesPerHour());
            retainers.add(g);
        }
        return n;
    }

    private static ObjectNode dump(Snapshot s) {
        ObjectNode n = JsonReport.mapper().createObjectNode();
        n.put("path", s.dump().path());
        n.put("timestamp", s.dump().timestamp().toString());
        n.put("truncated", s.dump().truncated());
        return n;
    }

    private static ObjectNode footprint(Footprint f) {
        ObjectNode n = JsonReport.mapper().createObjectNode();
        n.put("liveBytes", f.liveBytes());
        n.put("awaitingGcBytes", f.awaitingGcBytes());
        n.put("unownedBytes", f.unownedBytes());
        n.put("mappedBytes", f.mappedBytes());
        return n;
    }

    private static ObjectNode accounting(Accounting a) {
        ObjectNode n = JsonReport.mapper().createObjectNode();
        n.put("reservedMemory", a.reservedMemory());
        n.put("totalCapacity", a.totalCapacity());
        n.put("count", a.count());
        n.put("maxDirectMemory", a.maxDirectMemory());
        return n;
    }

    /** Who the retainer is, and how it changed: appeared, vanished, grew, shrank or unchanged. */
    private static ObjectNode holder(RetainerGrowth r) {
        ObjectNode n = JsonReport.mapper().createObjectNode();
        n.put("class", r.className());
        n.put("staticHolder", r.staticHolder());
        n.put("field", r.field());
        n.put("root", r.root());
        ArrayNode path = n.putArray("path");
        r.path().forEach(path::add);
        n.put("pathChanged", r.pathChanged());
        n.put("status", r.appeared() ? "appeared" : r.vanished() ? "vanished"
                : r.deltaBytes() > 0 ? "grew" : r.deltaBytes() < 0 ? "shrank" : "unchanged");
        return n;
    }
}
