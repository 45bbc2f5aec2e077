package io.offheap.hprof;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the sub-records of one HEAP DUMP or HEAP DUMP SEGMENT record (layouts as written by
 * HotSpot's heapDumper.cpp and the old hprof agent) into a {@link GraphBuilder}. Every length a
 * record claims is checked against what is left of its segment before anything is read, so a corrupt
 * length fails here with its offset instead of making us allocate or skip gigabytes.
 */
final class HeapDumpReader {
    private static final int CLASS_DUMP = 0x20;
    private static final int INSTANCE_DUMP = 0x21;
    private static final int OBJECT_ARRAY_DUMP = 0x22;
    private static final int PRIMITIVE_ARRAY_DUMP = 0x23;

    private final RecordInput in;
    private final GraphBuilder builder;
    private final Map<Long, String> names;
    private final String file;
    private final int idSize;
    /** The least and greatest id of the instances and primitive arrays read, for {@link DumpSegments}. */
    private long minId = Long.MAX_VALUE;
    private long maxId = Long.MIN_VALUE;

    HeapDumpReader(RecordInput in, GraphBuilder builder, Map<Long, String> names, String file) {
        this.in = in;
        this.builder = builder;
        this.names = names;
        this.file = file;
        this.idSize = builder.idSize();
    }

    /** Reads sub-records until the segment ends at {@code end}, and notes it in the builder's {@link DumpSegments}. */
    void read(long end) throws IOException {
        long start = in.offset();
        try {
            readSubRecords(end);
        } finally {
            builder.segments().add(start, end, minId, maxId); // a truncated segment too: it holds what was read
        }
    }

    private void readSubRecords(long end) throws IOException {
        while (in.offset() < end) {
            long at = in.offset();
            int tag = in.u1();
            switch (tag) {
                case 0xFF -> builder.addRoot(RootKind.UNKNOWN, in.id());
                case 0x01 -> root(RootKind.JNI_GLOBAL, idSize);
                case 0x02 -> root(RootKind.JNI_LOCAL, 8);
                case 0x03 -> root(RootKind.JAVA_FRAME, 8);
                case 0x04 -> root(RootKind.NATIVE_STACK, 4);
                case 0x05 -> builder.addRoot(RootKind.STICKY_CLASS, in.id());
                case 0x06 -> root(RootKind.THREAD_BLOCK, 4);
                case 0x07 -> builder.addRoot(RootKind.MONITOR_USED, in.id());
                case 0x08 -> root(RootKind.THREAD_OBJECT, 8);
                case CLASS_DUMP -> classDump(at);
                case INSTANCE_DUMP -> instance(at, end);
                case OBJECT_ARRAY_DUMP -> objectArray(at, end);
                case PRIMITIVE_ARRAY_DUMP -> primitiveArray(at, end);
                default -> throw corrupt(at, String.format("unknown heap dump sub-record tag 0x%02x", tag));
            }
        }
        if (in.offset() > end) {
            throw corrupt(in.offset(), "a sub-record runs past the end of its heap dump segment at byte " + end);
        }
    }

    private void root(RootKind kind, int extraBytes) throws IOException {
        builder.addRoot(kind, in.id());
        in.skip(extraBytes);
    }

    private void classDump(long at) throws IOException {
        long classId = in.id();
        in.i4();
        long superId = in.id();
        long loaderId = in.id();
        in.skip(4L * idSize); // signers, protection domain, two reserved
        int instanceSize = in.i4();
        int constants = in.u2();
        for (int i = 0; i < constants; i++) {
            in.u2();
            in.skip(type(at).size(idSize));
        }
        int staticCount = in.u2();
        List<StaticValue> statics = new ArrayList<>(staticCount);
        for (int i = 0; i < staticCount; i++) {
            String name = name(in.id());
            BasicType type = type(at);
            statics.add(new StaticValue(name, type, in.value(type)));
        }
        int fieldCount = in.u2();
        List<FieldDef> fields = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            String name = name(in.id());
            fields.add(new FieldDef(name, type(at)));
        }
        builder.addClassDump(classId, superId, loaderId, instanceSize, fields, statics);
    }

    private void instance(long at, long end) throws IOException {
        long id = in.id();
        in.i4();
        long classId = in.id();
        long length = in.u4();
        if (length > end - in.offset()) {
            throw corrupt(at, "instance 0x" + Long.toHexString(id) + " claims " + length
                    + " bytes of fields, more than its segment holds");
        }
        if (length > in.capacity()) {
            throw corrupt(at, String.format("instance 0x%x claims %,d bytes of fields, more than the %,d this reader "
                    + "takes for one object", id, length, in.capacity()));
        }
        int len = (int) length;
        in.require(len);
        seen(id);
        int cls = builder.classNumber(classId);
        int bytes = builder.fieldBytes(cls);
        if (bytes < 0) {
            builder.addDeferredInstance(id, classId, Arrays.copyOfRange(in.buffer(), in.pos(), in.pos() + len));
        } else if (bytes != len) {
            throw corrupt(at, "instance 0x" + Long.toHexString(id) + " of " + HprofReader.printable(builder.draft(cls).name, 200)
                    + " has " + len + " bytes of fields; its class layout has " + bytes);
        } else {
            builder.addInstance(id, cls, builder.layout(cls), in.buffer(), in.pos());
        }
        in.advance(len);
    }

    private void objectArray(long at, long end) throws IOException {
        long id = in.id();
        in.i4();
        long length = in.u4();
        long classId = in.id();
        if (length * idSize > end - in.offset()) {
            throw corrupt(at, "object array 0x" + Long.toHexString(id) + " claims " + length
                    + " elements, more than its segment holds");
        }
        builder.startObjectArray(id, classId, length);
        for (long i = 0; i < length; i++) {
            builder.addArrayElement(in.id());
        }
    }

    private void primitiveArray(long at, long end) throws IOException {
        long id = in.id();
        in.i4();
        long length = in.u4();
        BasicType type = type(at);
        if (type == BasicType.OBJECT) {
            throw corrupt(at, "primitive array 0x" + Long.toHexString(id) + " has element type object");
        }
        long bytes = length * type.size(idSize);
        if (bytes > end - in.offset()) {
            throw corrupt(at, "primitive array 0x" + Long.toHexString(id) + " claims " + bytes
                    + " bytes, more than its segment holds");
        }
        builder.addPrimitiveArray(id, type, length);
        seen(id);
        in.skip(bytes);
    }

    private void seen(long id) {
        minId = Math.min(minId, id);
        maxId = Math.max(maxId, id);
    }

    private BasicType type(long recordAt) throws IOException {
        long where = in.offset();
        int code = in.u1();
        BasicType t = BasicType.of(code);
        if (t == null) {
            throw corrupt(where, String.format("invalid basic type %d in the sub-record at byte %,d", code, recordAt));
        }
        return t;
    }

    private String name(long nameId) {
        String n = names.get(nameId);
        return n != null ? n : "name@0x" + Long.toHexString(nameId);
    }

    private HprofFormatException corrupt(long offset, String what) {
        return HprofReader.corrupt(file, offset, what);
    }
}
