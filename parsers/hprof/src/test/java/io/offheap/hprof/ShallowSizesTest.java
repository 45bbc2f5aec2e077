package io.offheap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object's estimated shallow size, recomputed from its own record by {@link HprofMap} (a separate reader):
 * a header of two identifiers (one when they are 4 bytes), the fields or elements as the record holds them (plus
 * an array's length), 8-byte alignment; none for class mirrors. The graph keeps most of them as its classes'.
 */
class ShallowSizesTest {
    @ParameterizedTest
    @ValueSource(strings = {"generated/jdk17-all.hprof.gz", "generated/jdk25-live.hprof.gz", "hprof-cpp/test1.hprof",
            "eclipse-mat/sun_jdk5_13_x32.hprof", "eclipse-mat/oracle_jdk8_05_x64.hprof",
            "eclipse-mat/openjdk_jdk11_04_x64.hprof.gz"}) // 188k objects: sized on both cores, in two parts
    void everyObjectHasTheSizeItsRecordGives(String file) throws IOException {
        byte[] data = Corpus.uncompressed(file);
        HprofMap m = new HprofMap(data);
        HeapGraph g = Reading.read(Corpus.dump(file));
        int header = m.idSize == 8 ? 16 : 8;
        Set<Long> seen = new HashSet<>();
        int checked = 0;
        int arrays = 0;
        for (HprofMap.Sub s : m.subs) {
            if (!s.isObject()) {
                continue;
            }
            long id = m.idSize == 8 ? (long) m.u4(s.at() + 1) << 32 | m.u4(s.at() + 5) & 0xFFFF_FFFFL : m.u4(s.at() + 1) & 0xFFFF_FFFFL;
            if (!seen.add(id)) {
                continue; // of two objects with one id, the graph finds the first
            }
            long count = s.sizeField() < 0 ? 0 : m.u4(s.sizeField()) & 0xFFFF_FFFFL;
            long expected = switch (s.tag()) {
                case HprofMap.CLASS_DUMP -> 0;
                case HprofMap.INSTANCE_DUMP -> (header + count + 7) & ~7L;
                case HprofMap.OBJECT_ARRAY_DUMP -> (header + 4 + count * m.idSize + 7) & ~7L;
                default -> (header + 4 + count * m.size(data[(int) s.typeField()]) + 7) & ~7L;
            };
            int o = g.indexOf(id);
            assertTrue(o >= 0, "0x" + Long.toHexString(id) + " is in the graph");
            assertEquals(expected, g.shallowSize(o), file + ": object 0x" + Long.toHexString(id) + ", record tag " + s.tag());
            checked++;
            arrays += s.tag() == HprofMap.OBJECT_ARRAY_DUMP || s.tag() == HprofMap.PRIMITIVE_ARRAY_DUMP ? 1 : 0;
        }
        assertEquals(g.objectCount(), checked, "every object checked");
        assertTrue(arrays > 0 && arrays < checked, arrays + " arrays of " + checked);
    }
}
