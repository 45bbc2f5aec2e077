package io.offheap.hprof;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes small HPROF files for the cases no real dump shows (hostile class chains, crafted ids): the
 * fixed header, top-level records, and one HEAP DUMP SEGMENT assembled from sub-records. Layouts as in
 * HotSpot's heapDumper.cpp; only what the tests need.
 */
final class DumpWriter {
    static final int INT = 10;

    private final int idSize;
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(file);
    private final ByteArrayOutputStream segmentBytes = new ByteArrayOutputStream();
    private final DataOutputStream segment = new DataOutputStream(segmentBytes);

    DumpWriter(int idSize) {
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

    DumpWriter utf8(long id, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        record(0x01, idSize + b.length);
        id(out, id);
        out.write(b);
        return this;
    }

    DumpWriter loadClass(int serial, long classId, long nameId) throws IOException {
        record(0x02, 8 + 2 * idSize);
        out.writeInt(serial);
        id(out, classId);
        out.writeInt(0);
        id(out, nameId);
        return this;
    }

    /** A CLASS DUMP with instance fields of basic type {@code types[i]} named by {@code nameIds[i]}. */
    DumpWriter classDump(long classId, long superId, long[] nameIds, int[] types) throws IOException {
        segment.write(0x20);
        id(segment, classId);
        segment.writeInt(0);
        id(segment, superId);
        for (int i = 0; i < 5; i++) {
            id(segment, 0); // loader, signers, protection domain, two reserved
        }
        segment.writeInt(0);
        segment.writeShort(0); // constant pool
        segment.writeShort(0); // statics
        segment.writeShort(nameIds.length);
        for (int i = 0; i < nameIds.length; i++) {
            id(segment, nameIds[i]);
            segment.write(types[i]);
        }
        return this;
    }

    DumpWriter instance(long id, long classId, byte[] fields) throws IOException {
        segment.write(0x21);
        id(segment, id);
        segment.writeInt(0);
        id(segment, classId);
        segment.writeInt(fields.length);
        segment.write(fields);
        return this;
    }

    /** Closes the heap dump (one segment and HEAP DUMP END) and returns the file. */
    byte[] finish() throws IOException {
        record(0x1C, segmentBytes.size());
        out.write(segmentBytes.toByteArray());
        record(0x2C, 0);
        out.flush();
        return file.toByteArray();
    }

    private void record(int tag, long length) throws IOException {
        out.write(tag);
        out.writeInt(0);
        out.writeInt((int) length);
    }

    private void id(DataOutputStream o, long id) throws IOException {
        if (idSize == 8) {
            o.writeLong(id);
        } else {
            o.writeInt((int) id);
        }
    }
}
