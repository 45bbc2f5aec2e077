package io.offheap.hprof;

import java.util.List;

/** A class while the dump is being read: a CLASS DUMP may arrive after the records that name it. */
final class ClassDraft {
    final int number;
    final long id;
    String name;
    long superId;
    long loaderId;
    int instanceSize;
    List<FieldDef> fields = List.of();
    List<StaticValue> statics = List.of();
    boolean dumped;
    ClassLayout layout;

    ClassDraft(int number, long id, String name) {
        this.number = number;
        this.id = id;
        this.name = name;
    }

    HeapClass toHeapClass(int superNumber) {
        return new HeapClass(number, id, name, superNumber, loaderId, instanceSize, fields, statics, dumped);
    }
}
