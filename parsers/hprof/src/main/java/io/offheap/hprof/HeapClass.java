package io.offheap.hprof;

import java.util.List;

/**
 * A class in the dump. {@code number} indexes {@link HeapGraph#heapClass(int)}; {@code superNumber}
 * is -1 for a root class. {@code fields} are this class's own instance fields in the order its
 * CLASS DUMP lists them (HotSpot 5-17 reverse declaration order, 25 and the agent declaration order:
 * taken as written, never assumed). A class without a CLASS DUMP (an array class the dump only names,
 * or a synthetic {@code int[]}-style class for primitive arrays) has {@code dumped == false}.
 */
public record HeapClass(int number, long id, String name, int superNumber, long loaderId, int instanceSize,
                        List<FieldDef> fields, List<StaticValue> statics, boolean dumped) {

    /** The value of a static field, if the class declares it. */
    public StaticValue staticField(String fieldName) {
        for (StaticValue s : statics) {
            if (s.name().equals(fieldName)) {
                return s;
            }
        }
        return null;
    }
}
