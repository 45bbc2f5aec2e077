package io.offheap.reports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.offheap.analyzer.Accounting;
import io.offheap.analyzer.Buffer;
import io.offheap.analyzer.Diagnosis;
import io.offheap.analyzer.DumpInfo;
import io.offheap.analyzer.Finding;
import io.offheap.analyzer.GcReport;
import io.offheap.analyzer.GcSummary;
import io.offheap.analyzer.Retainer;
import io.offheap.analyzer.Totals;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The {@code offheap/1} JSON contract of DESIGN.md, written field by field so that every name other
 * tools rely on stands here, in one place. Add fields freely; rename none.
 *
 * <p>Written with jackson-core's streaming generator alone: the trees of jackson-databind cost the
 * {@code analyze} command about half a second of loading several hundred classes for its one report,
 * as much as writing the buffers of a 1.6 GB dump. The small documents of other commands (diff, batch)
 * are still trees, from {@link #mapper()}.
 */
final class JsonReport {
    static final String SCHEMA = "offheap/1";
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {
    }

    /** A UTF-8 generator that indents as the trees of {@link #mapper()} do, but for the buffers ({@link Layout}). */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8).setPrettyPrinter(new Layout());
    }

    /**
     * Jackson's indentation, except that the elements of the {@code buffers} array are one object per line: a
     * large dump has hundreds of thousands, and one field per line made the report of the 1.6 GB benchmark dump
     * 58 MB instead of 43 and a quarter of a second slower to write in a fresh JVM. A line per buffer still greps.
     */
    private static final class Layout extends DefaultPrettyPrinter {
        private static final String LINE = System.lineSeparator(); // as Jackson's own indentation
        private static final String ELEMENT = LINE + "    "; // the buffers array is a field of the top-level object
        private boolean oneLine;

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Layout();
        }

        /** Turns one-line objects on or off, for a generator made by {@link #generator} (others are left as they are). */
        static void oneLine(JsonGenerator out, boolean on) {
            if (out.getPrettyPrinter() instanceof Layout layout) {
                layout.oneLine = on;
            }
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (oneLine) {
                g.writeRaw(ELEMENT);
            } else {
                super.beforeArrayValues(g);
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            if (oneLine) {
                g.writeRaw(',');
                g.writeRaw(ELEMENT);
            } else {
                super.writeArrayValueSeparator(g);
            }
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            if (oneLine && values > 0) {
                g.writeRaw(LINE + "  ]");
            } else {
                super.writeEndArray(g, values);
            }
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            if (oneLine) {
                g.writeRaw('{');
            } else {
                super.writeStartObject(g);
            }
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (!oneLine) {
                super.beforeObjectEntries(g);
            }
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            if (oneLine) {
                g.writeRaw(", ");
            } else {
                super.writeObjectEntrySeparator(g);
            }
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (oneLine) {
                g.writeRaw('}');
            } else {
                super.writeEndObject(g, entries);
            }
        }
    }

    /** The mapper of the documents built as trees; made on first use, so that {@code analyze} never loads it. */
    static ObjectMapper mapper() {
        return Trees.MAPPER;
    }

    private static final class Trees {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes a diagnosis as it goes: the buffers, on a large dump hundreds of thousands, never sit in memory twice. */
    static void write(Diagnosis d, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("schema", SCHEMA);
        out.writeFieldName("dump");
        dump(d.dump(), out);
        out.writeFieldName("totals");
        totals(d.totals(), out);
        out.writeFieldName("accounting");
        accounting(d.accounting(), d.totals(), out);
        out.writeArrayFieldStart("buffers");
        Layout.oneLine(out, true);
        for (Buffer b : d.buffers()) {
            buffer(b, out);
        }
        out.writeEndArray();
        Layout.oneLine(out, false);
        out.writeArrayFieldStart("retainers");
        for (Retainer r : d.retainers()) {
            retainer(r, out);
        }
        out.writeEndArray();
        out.writeFieldName("holders");
        HolderJson.write(d.holders(), out);
        out.writeFieldName("gc");
        gc(d.gc(), out);
        out.writeFieldName("findings");
        findings(d.findings(), out);
        out.writeStringField("verdict", d.verdict());
        strings(out, "warnings", d.warnings());
        out.writeEndObject();
    }

    /** The {@code offheap gc} report: the {@code gc} and {@code findings} sections of the contract. */
    static void write(GcReport r, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("schema", SCHEMA);
        out.writeFieldName("gc");
        gc(r.gc(), out);
        out.writeFieldName("findings");
        findings(r.findings(), out);
        out.writeStringField("verdict", r.verdict());
        out.writeEndObject();
    }

    private static void dump(DumpInfo i, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("path", i.path());
        out.writeStringField("format", i.format());
        out.writeNumberField("idSize", i.idSize());
        out.writeStringField("timestamp", i.timestamp().toString());
        out.writeStringField("jvmVersion", i.jvmVersion());
        out.writeStringField("jdkRange", i.jdkRange());
        out.writeBooleanField("truncated", i.truncated());
        out.writeNumberField("fileSize", i.fileSize());
        out.writeBooleanField("compressed", i.compressed());
        out.writeNumberField("bytesRead", i.bytesRead());
        out.writeNumberField("heapDumps", i.heapDumps());
        out.writeNumberField("objects", i.objects());
        out.writeNumberField("garbageObjects", i.garbageObjects());
        out.writeEndObject();
    }

    private static void totals(Totals t, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("buffers", t.buffers());
        out.writeNumberField("owners", t.owners());
        out.writeNumberField("views", t.views());
        out.writeNumberField("unowned", t.unowned());
        out.writeNumberField("mapped", t.mapped());
        out.writeNumberField("liveBytes", t.liveBytes());
        out.writeNumberField("awaitingGcBytes", t.awaitingGcBytes());
        out.writeNumberField("freedBytes", t.freedBytes());
        out.writeNumberField("unownedBytes", t.unownedBytes());
        out.writeNumberField("mappedBytes", t.mappedBytes());
        out.writeNumberField("liveOwners", t.liveOwners());
        out.writeNumberField("awaitingGcOwners", t.awaitingGcOwners());
        out.writeNumberField("freedOwners", t.freedOwners());
        out.writeNumberField("pendingCleaners", t.pendingCleaners());
        out.writeNumberField("pendingCleanerBytes", t.pendingCleanerBytes());
        out.writeEndObject();
    }

    private static void accounting(Accounting a, Totals t, JsonGenerator out) throws IOException {
        out.writeStartObject();
        value(out, "reservedMemory", a.reservedMemory());
        value(out, "totalCapacity", a.totalCapacity());
        value(out, "count", a.count());
        value(out, "maxDirectMemory", a.maxDirectMemory());
        long census = t.censusReservedBytes();
        out.writeNumberField("censusReservedBytes", census);
        value(out, "difference", a.reservedMemory() == null ? null : a.reservedMemory() - census);
        out.writeEndObject();
    }

    private static void buffer(Buffer b, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", hex(b.id()));
        out.writeStringField("class", b.className());
        out.writeNumberField("capacity", b.capacity());
        out.writeStringField("address", hex(b.address()));
        out.writeStringField("kind", b.kind().label());
        out.writeStringField("state", b.state().label());
        out.writeStringField("owner", b.owner() == 0 ? null : hex(b.owner()));
        out.writeNumberField("reservedBytes", b.reservedBytes());
        out.writeStringField("generation", b.generation().label());
        out.writeStringField("retainer", b.retainer() == 0 ? null : hex(b.retainer()));
        out.writeEndObject();
    }

    private static void retainer(Retainer r, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", r.id() == 0 ? null : hex(r.id())); // 0: the set of GC roots, no single object
        out.writeStringField("class", r.className());
        out.writeBooleanField("staticHolder", r.staticHolder());
        out.writeStringField("field", r.field());
        out.writeNumberField("retainedBytes", r.retainedBytes());
        out.writeNumberField("attributedBytes", r.attributedBytes());
        out.writeNumberField("retainedHeapBytes", r.retainedHeapBytes());
        out.writeBooleanField("retainedHeapBytesEstimated", true);
        out.writeNumberField("buffers", r.buffers());
        out.writeNumberField("sharedBuffers", r.sharedBuffers());
        out.writeStringField("root", r.root());
        strings(out, "path", r.path());
        out.writeEndObject();
    }

    private static void gc(GcSummary g, JsonGenerator out) throws IOException {
        if (g == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        out.writeStringField("collector", g.collector());
        out.writeStringField("jvmVersion", g.jvmVersion());
        out.writeNumberField("events", g.events());
        out.writeNumberField("youngCollections", g.youngCollections());
        out.writeNumberField("fullCollections", g.fullCollections());
        out.writeNumberField("concurrentCycles", g.concurrentCycles());
        out.writeNumberField("explicitGcCalls", g.explicitGcCalls());
        value(out, "lastOldCollectionBeforeDump", g.lastOldCollectionBeforeDump());
        value(out, "dumpUptime", g.dumpUptime());
        value(out, "logStart", g.logStart());
        value(out, "logEnd", g.logEnd());
        out.writeStringField("layoutSource", g.layoutSource());
        out.writeObjectFieldStart("flags");
        for (Map.Entry<String, String> f : g.flags().entrySet()) {
            out.writeStringField(f.getKey(), f.getValue());
        }
        out.writeEndObject();
        strings(out, "files", g.files());
        strings(out, "warnings", g.warnings());
        out.writeEndObject();
    }

    private static void findings(List<Finding> findings, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (Finding f : findings) {
            out.writeStartObject();
            out.writeStringField("id", f.id());
            out.writeStringField("severity", f.severity().label());
            out.writeStringField("title", f.title());
            values(out, "evidence", f.evidence());
            out.writeStringField("advice", f.advice());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /**
     * A field whose value is null, a string, a boolean or a number, as the evidence of findings and the facts
     * of holders are; anything else fails here, where the contract is written, rather than turning up in a
     * report as whatever a library makes of it.
     */
    static void value(JsonGenerator out, String name, Object value) throws IOException {
        out.writeFieldName(name);
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            out.writeObject(value);
        } else {
            throw new IllegalArgumentException(name + ": no JSON form for a " + value.getClass().getName());
        }
    }

    /** An object of such values, in the map's order. */
    static void values(JsonGenerator out, String name, Map<String, Object> values) throws IOException {
        out.writeObjectFieldStart(name);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            value(out, e.getKey(), e.getValue());
        }
        out.writeEndObject();
    }

    static void strings(JsonGenerator out, String name, List<String> values) throws IOException {
        out.writeArrayFieldStart(name);
        for (String v : values) {
            out.writeString(v);
        }
        out.writeEndArray();
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
