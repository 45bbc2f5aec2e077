package io.offheap.hprof;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes small HPROF files for the cases no real dump shows (hostile class chains, crafted ids, object
 * graphs of a chosen shape): the fixed header, top-level records, and HEAP DUMP SEGMENTs assembled
 * from sub-records (one, unless {@link #endSegment} starts another). Layouts as in HotSpot's heapDumper.cpp; only what the tests need. Public, and shipped
 * in this module's test-jar, because the analyzer's tests build their graphs with it too.
 */
public final class DumpWriter {
    public static final int OBJECT = 2;
    public static final int INT = 10;
    /** Root sub-records that hold nothing but the object's id. */
    public static final int ROOT_UNKNOWN = 0xFF;
    public static final int ROOT_STICKY_CLASS = 0x05;

    private static final int BYTE = 8;

    private final int idSize;
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(file);
    private final ByteArrayOutputStream segmentBytes = new ByteArrayOutputStream();
    private final DataOutputStream segment = new DataOutputStream(segmentBytes);

    public DumpWriter(int idSize) {
        this.idSize = idSize;
        try {
            out.write("JAVA PROFILE 1.0.2".getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
            out.writeInt(idSize);
            out.writeLong(1_700_000_000_000L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DumpWriter utf8(long id, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        record(0x01, idSize + b.length);
        id(out, id);
        out.write(b);
        return this;
    }

    public DumpWriter loadClass(int serial, long classId, long nameId) throws IOException {
        record(0x02, 8 + 2 * idSize);
        out.writeInt(serial);
        id(out, classId);
        out.writeInt(0);
        id(out, nameId);
        return this;
    }

    /** A CLASS DUMP with instance fields of basic type {@code types[i]} named by {@code nameIds[i]}. */
    public DumpWriter classDump(long classId, long superId, long[] nameIds, int[] types) throws IOException {
        return classDump(classId, superId, 0, new long[0], nameIds, types);
    }

    /**
     * A CLASS DUMP with a class loader, static reference fields holding {@code statics} (0 for null; each
     * named by name id 0) and instance fields of basic type {@code types[i]} named by {@code nameIds[i]}.
     */
    public DumpWriter classDump(long classId, long superId, long loaderId, long[] statics, long[] nameIds, int[] types)
            throws IOException {
        segment.write(0x20);
        id(segment, classId);
        segment.writeInt(0);
        id(segment, superId);
        id(segment, loaderId);
        for (int i = 0; i < 4; i++) {
            id(segment, 0); // signers, protection domain, two reserved
        }
        segment.writeInt(0);
        segment.writeShort(0); // constant pool
        segment.writeShort(statics.length);
        for (long value : statics) {
            id(segment, 0);
            segment.write(OBJECT);
            id(segment, value);
        }
        segment.writeShort(nameIds.length);
        for (int i = 0; i < nameIds.length; i++) {
            id(segment, nameIds[i]);
            segment.write(types[i]);
        }
        return this;
    }

    public DumpWriter instance(long id, long classId, byte[] fields) throws IOException {
        segment.write(0x21);
        id(segment, id);
        segment.writeInt(0);
        id(segment, classId);
        segment.writeInt(fields.length);
        segment.write(fields);
        return this;
    }

    /** An instance whose fields are all references, in the order the dump lays them out (0 for null). */
    public DumpWriter instance(long id, long classId, long[] references) throws IOException {
        return instance(id, classId, ids(references));
    }

    /** An object array; {@code elements} are ids, 0 for null. */
    public DumpWriter objectArray(long id, long arrayClassId, long[] elements) throws IOException {
        segment.write(0x22);
        id(segment, id);
        segment.writeInt(0);
        segment.writeInt(elements.length);
        id(segment, arrayClassId);
        segment.write(ids(elements));
        return this;
    }

    /** A byte[] of zeros. */
    public DumpWriter byteArray(long id, int length) throws IOException {
        return byteArray(id, new byte[length]);
    }

    public DumpWriter byteArray(long id, byte[] elements) throws IOException {
        segment.write(0x23);
        id(segment, id);
        segment.writeInt(0);
        segment.writeInt(elements.length);
        segment.write(BYTE);
        segment.write(elements);
        return this;
    }

    /** A root sub-record that holds only the object's id: {@link #ROOT_UNKNOWN} or {@link #ROOT_STICKY_CLASS}. */
    public DumpWriter root(int tag, long id) throws IOException {
        segment.write(tag);
        id(segment, id);
        return this;
    }

    /** Writes the sub-records so far as one HEAP DUMP SEGMENT; returns where its body starts in the file. */
    public long endSegment() throws IOException {
        record(0x1C, segmentBytes.size());
        long body = file.size();
        out.write(segmentBytes.toByteArray());
        segmentBytes.reset();
        return body;
    }

    /** Closes the heap dump (the last segment and HEAP DUMP END) and returns the file. */
    public byte[] finish() throws IOException {
        endSegment();
        record(0x2C, 0);
        out.flush();
        return file.toByteArray();
    }

    private void record(int tag, long length) throws IOException {
        out.write(tag);
        out.writeInt(0);
        out.writeInt((int) length);
    }

    private byte[] ids(long[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(bytes);
        for (long v : values) {
            id(o, v);
        }
        return bytes.toByteArray();
    }

    private void id(DataOutputStream o, long id) throws IOException {
        if (idSize == 8) {
            o.writeLong(id);
        } else {
            o.writeInt((int) id);
        }
    }
}
