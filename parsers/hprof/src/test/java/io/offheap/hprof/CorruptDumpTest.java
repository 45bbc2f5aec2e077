package io.offheap.hprof;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real dumps with one field patched: lengths and counts that claim gigabytes (or too little), unknown
 * record and sub-record tags, invalid basic types, wrong identifier sizes. Each must be rejected with a
 * one-line message naming the file and the offset of the damaged record, or, where the file simply
 * ends before the claimed length does, read as far as it goes and marked truncated. {@link Reading}
 * bounds what each read allocates by the file's real size, so no claimed length is ever allocated.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CorruptDumpTest {
    private static final String V101 = "eclipse-mat/oracle_jdk8_05_x64.hprof";
    private static final String SEGMENTED = "hprof-cpp/test1.hprof";
    private static final String ID4 = "eclipse-mat/sun_jdk6_31_hprofagent_compressedOops.hprof";
    private static final int[] HUGE = {0x7FFF_FFFF, 0xFFFF_FFFF};

    @TempDir
    Path tmp;

    private enum Expect { REJECTED, TRUNCATED, EITHER }

    /** A patched copy of {@code dump}; {@code mustContain} is checked in the rejection message. */
    private record Case(String name, String dump, Function<HprofMap, byte[]> patch, Expect expect, String... mustContain) {
    }

    @TestFactory
    Stream<DynamicTest> patchedDumps() {
        List<Case> cases = new ArrayList<>();
        for (String dump : List.of(V101, SEGMENTED, ID4)) {
            String d = Path.of(dump).getFileName().toString();
            int id = dump.equals(ID4) ? 4 : 8;
            for (int huge : HUGE) {
                String h = Integer.toUnsignedString(huge);
                cases.add(new Case(d + ": UTF8 length " + h, dump, m -> patchLength(m, first(m, HprofMap.UTF8), huge),
                        Expect.REJECTED, at(first(m(dump), HprofMap.UTF8)), "UTF8 record claims " + h));
                cases.add(new Case(d + ": LOAD CLASS length " + h, dump, m -> patchLength(m, first(m, HprofMap.LOAD_CLASS), huge),
                        Expect.REJECTED, at(first(m(dump), HprofMap.LOAD_CLASS)), "LOAD CLASS record has length " + h));
                cases.add(new Case(d + ": instance field length " + h, dump,
                        m -> patchU4(m, sub(m, HprofMap.INSTANCE_DUMP).sizeField(), huge), Expect.REJECTED,
                        at(sub(m(dump), HprofMap.INSTANCE_DUMP)), "claims " + h + " bytes of fields"));
                cases.add(new Case(d + ": object array length " + h, dump,
                        m -> patchU4(m, sub(m, HprofMap.OBJECT_ARRAY_DUMP).sizeField(), huge), Expect.REJECTED,
                        at(sub(m(dump), HprofMap.OBJECT_ARRAY_DUMP)), "claims " + h + " elements"));
                cases.add(new Case(d + ": primitive array length " + h, dump,
                        m -> patchU4(m, sub(m, HprofMap.PRIMITIVE_ARRAY_DUMP).sizeField(), huge), Expect.REJECTED,
                        at(sub(m(dump), HprofMap.PRIMITIVE_ARRAY_DUMP)), "primitive array"));
                // The heap dump record claims more than the file holds: HEAP DUMP is the last record of a
                // 1.0.1 dump, so the file just ends early; in a segmented dump the next record's tag
                // turns up where a sub-record should start.
                cases.add(new Case(d + ": heap dump length " + h, dump, m -> patchLength(m, firstDump(m), huge),
                        dump.equals(V101) ? Expect.TRUNCATED : Expect.REJECTED, "sub-record tag 0x"));
                // With the segment's length gone too, only the file's end bounds what is read (or the
                // array claims more than even the bogus segment length).
                cases.add(new Case(d + ": heap dump and primitive array lengths " + h, dump,
                        m -> patchU4(patchLength(m, around(m, HprofMap.PRIMITIVE_ARRAY_DUMP), 0xFFFF_FFFF), sub(m, HprofMap.PRIMITIVE_ARRAY_DUMP).sizeField(), huge),
                        Expect.EITHER));
                cases.add(new Case(d + ": heap dump and object array lengths " + h, dump,
                        m -> patchU4(patchLength(m, around(m, HprofMap.OBJECT_ARRAY_DUMP), 0xFFFF_FFFF), sub(m, HprofMap.OBJECT_ARRAY_DUMP).sizeField(), huge),
                        Expect.EITHER));
                cases.add(new Case(d + ": heap dump and instance lengths " + h, dump,
                        m -> patchU4(patchLength(m, around(m, HprofMap.INSTANCE_DUMP), 0xFFFF_FFFF), sub(m, HprofMap.INSTANCE_DUMP).sizeField(), huge),
                        Expect.REJECTED, at(sub(m(dump), HprofMap.INSTANCE_DUMP)), "bytes of fields"));
            }
            cases.add(new Case(d + ": UTF8 length shorter than an id", dump,
                    m -> patchLength(m, first(m, HprofMap.UTF8), id - 1), Expect.REJECTED, at(first(m(dump), HprofMap.UTF8))));
            // Found at the instance if its class is known by then, else where the next sub-record should start.
            cases.add(new Case(d + ": instance one byte longer than its class", dump,
                    m -> patchU4(m, sub(m, HprofMap.INSTANCE_DUMP).sizeField(), m.u4(sub(m, HprofMap.INSTANCE_DUMP).sizeField()) + 1),
                    Expect.REJECTED));
            cases.add(new Case(d + ": heap dump length 100", dump, m -> patchLength(m, firstDump(m), 100), Expect.REJECTED));
            for (int tag : new int[] {0x00, 0x65, 0xFF}) {
                String t = String.format("0x%02x", tag);
                cases.add(new Case(d + ": top-level tag " + t, dump, m -> patchU1(m, first(m, HprofMap.UTF8).at(), tag),
                        Expect.REJECTED, at(first(m(dump), HprofMap.UTF8)), "unknown record tag " + t));
                cases.add(new Case(d + ": sub-record tag " + t, dump, m -> patchU1(m, sub(m, HprofMap.INSTANCE_DUMP).at(), tag == 0xFF ? 0x99 : tag),
                        Expect.REJECTED, at(sub(m(dump), HprofMap.INSTANCE_DUMP)), "sub-record tag"));
            }
            for (int type : new int[] {0, 1, 2, 3, 12, 0xFF}) {
                HprofMap.Sub array = sub(m(dump), HprofMap.PRIMITIVE_ARRAY_DUMP);
                cases.add(new Case(d + ": primitive array type " + type, dump,
                        m -> patchU1(m, sub(m, HprofMap.PRIMITIVE_ARRAY_DUMP).typeField(), type), Expect.REJECTED,
                        type == 2 ? at(array) : String.format("corrupt at byte %,d: invalid basic type %d in the sub-record at byte %,d",
                                array.typeField(), type, array.at())));
            }
            for (int type : new int[] {0, 1, 3, 12, 0xFF}) {
                HprofMap.Sub cls = classWithTypes(m(dump));
                cases.add(new Case(d + ": class field or static type " + type, dump,
                        m -> patchU1(m, classWithTypes(m).typeField(), type), Expect.REJECTED,
                        String.format("corrupt at byte %,d: invalid basic type %d in the sub-record at byte %,d",
                                cls.typeField(), type, cls.at())));
            }
            for (int size : new int[] {0, 1, 2, 3, 5, 7, 16, -1, 0x7FFF_FFFF, 0x8000_0000}) {
                cases.add(new Case(d + ": identifier size " + size, dump, m -> patchU4(m, m.headerEnd - 12, size),
                        Expect.REJECTED, String.format("byte %d: identifier size %d", m(dump).headerEnd - 12, size)));
            }
            cases.add(new Case(d + ": identifier size " + (12 - id), dump, m -> patchU4(m, m.headerEnd - 12, 12 - id), Expect.REJECTED));
        }
        return cases.stream().map(c -> dynamicTest(c.name, () -> check(c)));
    }

    private void check(Case c) throws IOException {
        Path file = tmp.resolve("patched.hprof");
        Files.write(file, c.patch.apply(m(c.dump)));
        switch (c.expect) {
            case TRUNCATED -> Reading.truncated(file);
            case REJECTED -> Reading.rejected(file, c.mustContain);
            case EITHER -> Reading.rejectedOrTruncated(file);
        }
    }

    // ---- the dumps, mapped once ----

    private static final Map<String, HprofMap> MAPS = new ConcurrentHashMap<>();

    private static HprofMap m(String dump) {
        return MAPS.computeIfAbsent(dump, d -> {
            try {
                return new HprofMap(Corpus.uncompressed(d));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static HprofMap.Record first(HprofMap m, int tag) {
        return m.records(tag).get(0);
    }

    private static HprofMap.Record firstDump(HprofMap m) {
        return m.records.stream().filter(r -> r.tag() == HprofMap.HEAP_DUMP || r.tag() == HprofMap.HEAP_DUMP_SEGMENT)
                .findFirst().orElseThrow();
    }

    /** A sub-record of this kind a third into the dump, with a non-empty body. */
    private static HprofMap.Sub sub(HprofMap m, int tag) {
        List<HprofMap.Sub> all = m.subs(tag).stream().filter(s -> s.sizeField() < 0 || m.u4(s.sizeField()) > 0).toList();
        return all.get(all.size() / 3);
    }

    /** The heap dump record that holds {@link #sub}. */
    private static HprofMap.Record around(HprofMap m, int tag) {
        HprofMap.Sub s = sub(m, tag);
        return m.records.stream().filter(r -> r.at() < s.at() && s.end() <= r.end()).findFirst().orElseThrow();
    }

    private static HprofMap.Sub classWithTypes(HprofMap m) {
        return m.subs(HprofMap.CLASS_DUMP).stream().filter(s -> s.typeField() >= 0).findFirst().orElseThrow();
    }

    private static String at(HprofMap.Record r) {
        return String.format("corrupt at byte %,d:", r.at());
    }

    private static String at(HprofMap.Sub s) {
        return String.format("corrupt at byte %,d:", s.at());
    }

    // ---- patching copies ----

    private static byte[] patchLength(HprofMap m, HprofMap.Record r, int length) {
        return patchU4(m, r.lengthField(), length);
    }

    private static byte[] patchU4(HprofMap m, long at, int value) {
        return patchU4(m.data.clone(), at, value);
    }

    private static byte[] patchU4(byte[] data, long at, int value) {
        int p = (int) at;
        data[p] = (byte) (value >>> 24);
        data[p + 1] = (byte) (value >>> 16);
        data[p + 2] = (byte) (value >>> 8);
        data[p + 3] = (byte) value;
        return data;
    }

    private static byte[] patchU1(HprofMap m, long at, int value) {
        byte[] data = m.data.clone();
        data[(int) at] = (byte) value;
        return data;
    }
}
