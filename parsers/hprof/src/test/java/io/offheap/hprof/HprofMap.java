package io.offheap.hprof;

import java.util.ArrayList;
import java.util.List;

/**
 * A second, deliberately naive walk over an uncompressed dump held in memory, written from the
 * format description rather than from the reader: where each top-level record and each heap dump
 * sub-record starts and ends, and where the length fields sit that the hostile-input tests patch.
 * It trusts every length (the input is a real, intact dump), so it is useless on broken files.
 */
final class HprofMap {
    static final int UTF8 = 0x01;
    static final int LOAD_CLASS = 0x02;
    static final int HEAP_DUMP = 0x0C;
    static final int HEAP_DUMP_SEGMENT = 0x1C;
    static final int HEAP_DUMP_END = 0x2C;
    static final int CLASS_DUMP = 0x20;
    static final int INSTANCE_DUMP = 0x21;
    static final int OBJECT_ARRAY_DUMP = 0x22;
    static final int PRIMITIVE_ARRAY_DUMP = 0x23;

    /** A top-level record: tag at {@code at}, its u4 length at {@code at + 5}, body up to {@code end}. */
    record Record(int tag, long at, long end) {
        long lengthField() {
            return at + 5;
        }
    }

    /**
     * A heap dump sub-record from {@code at} to {@code end}. {@code sizeField}: offset of the u4 that
     * sizes its body (field bytes of an instance, element count of an array), or -1. {@code typeField}:
     * offset of a basic-type byte in it (a primitive array's element type, a class's first field or
     * static type), or -1.
     */
    record Sub(int tag, long at, long end, long sizeField, long typeField) {
        boolean isObject() {
            return tag == CLASS_DUMP || tag == INSTANCE_DUMP || tag == OBJECT_ARRAY_DUMP || tag == PRIMITIVE_ARRAY_DUMP;
        }
    }

    final byte[] data;
    final int idSize;
    final long headerEnd;
    final List<Record> records = new ArrayList<>();
    final List<Sub> subs = new ArrayList<>();

    HprofMap(byte[] data) {
        this.data = data;
        int nul = 0;
        while (data[nul] != 0) {
            nul++;
        }
        idSize = u4(nul + 1);
        headerEnd = nul + 1 + 4 + 8;
        long p = headerEnd;
        while (p < data.length) {
            int tag = data[(int) p] & 0xFF;
            long end = p + 9 + (u4(p + 5) & 0xFFFF_FFFFL);
            records.add(new Record(tag, p, end));
            if (tag == HEAP_DUMP || tag == HEAP_DUMP_SEGMENT) {
                walkHeapDump(p + 9, end);
            }
            p = end;
        }
        if (p != data.length) {
            throw new IllegalStateException("not an intact dump: records end at " + p + ", file at " + data.length);
        }
    }

    List<Record> records(int tag) {
        return records.stream().filter(r -> r.tag == tag).toList();
    }

    List<Sub> subs(int tag) {
        return subs.stream().filter(s -> s.tag == tag).toList();
    }

    /**
     * Object sub-records (class, instance, arrays) of the last heap dump that starts before {@code offset}
     * and that end at or before it: what a reader that keeps the last dump has when the file ends there.
     */
    long objectsBefore(long offset) {
        long dumpStart = -1;
        boolean ended = true;
        for (Record r : records) {
            if (r.at + 9 > offset) {
                break; // a reader learns a record's kind and length from its 9-byte header
            }
            boolean dump = r.tag == HEAP_DUMP || r.tag == HEAP_DUMP_SEGMENT;
            if (dump && ended) {
                dumpStart = r.at;
            }
            ended = dump ? r.tag == HEAP_DUMP : ended || r.tag == HEAP_DUMP_END;
        }
        long from = dumpStart;
        return dumpStart < 0 ? 0 : subs.stream().filter(s -> s.isObject() && s.at > from && s.end <= offset).count();
    }

    private void walkHeapDump(long p, long end) {
        while (p < end) {
            int tag = data[(int) p] & 0xFF;
            long q = p + 1;
            long sizeField = -1;
            long typeField = -1;
            switch (tag) {
                case 0xFF, 0x05, 0x07 -> q += idSize;
                case 0x01 -> q += 2L * idSize;
                case 0x02, 0x03, 0x08 -> q += idSize + 8;
                case 0x04, 0x06 -> q += idSize + 4;
                case CLASS_DUMP -> {
                    q += idSize + 4 + 6L * idSize + 4;
                    int constants = u2(q);
                    q += 2;
                    for (int i = 0; i < constants; i++) {
                        int type = data[(int) (q + 2)];
                        q += 3 + size(type);
                    }
                    int statics = u2(q);
                    q += 2;
                    for (int i = 0; i < statics; i++) {
                        int type = data[(int) (q + idSize)];
                        if (typeField < 0) {
                            typeField = q + idSize;
                        }
                        q += idSize + 1 + size(type);
                    }
                    int fields = u2(q);
                    q += 2;
                    if (fields > 0) {
                        typeField = q + idSize;
                    }
                    q += fields * (idSize + 1L);
                }
                case INSTANCE_DUMP -> {
                    sizeField = q + idSize + 4 + idSize;
                    q = sizeField + 4 + (u4(sizeField) & 0xFFFF_FFFFL);
                }
                case OBJECT_ARRAY_DUMP -> {
                    sizeField = q + idSize + 4;
                    q = sizeField + 4 + idSize + (u4(sizeField) & 0xFFFF_FFFFL) * idSize;
                }
                case PRIMITIVE_ARRAY_DUMP -> {
                    sizeField = q + idSize + 4;
                    typeField = sizeField + 4;
                    q = typeField + 1 + (u4(sizeField) & 0xFFFF_FFFFL) * size(data[(int) typeField]);
                }
                default -> throw new IllegalStateException("sub-record tag " + tag + " at " + p);
            }
            subs.add(new Sub(tag, p, q, sizeField, typeField));
            p = q;
        }
    }

    /** Bytes of one value of basic type {@code type}. */
    int size(int type) {
        return switch (type) {
            case 2 -> idSize;
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 7, 11 -> 8;
            default -> throw new IllegalStateException("basic type " + type);
        };
    }

    int u4(long at) {
        int p = (int) at;
        return ((data[p] & 0xFF) << 24) | ((data[p + 1] & 0xFF) << 16) | ((data[p + 2] & 0xFF) << 8) | (data[p + 3] & 0xFF);
    }

    private int u2(long at) {
        int p = (int) at;
        return ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
    }
}
