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
    /** Bytes of this class's own instance fields. */
    int ownFieldBytes;
    // Settled once the whole super chain has been dumped (GraphBuilder.settle); until then fieldBytes is -1.
    /** Bytes of instance field data with all supers. */
    int fieldBytes = -1;
    int superNumber = -1;
    /** Whether this class or a super was asked for in keepFieldsOf. */
    boolean keepFields;
    /** The nearest class of the chain, this one first, that declares fields; -1 if none does. */
    int fieldsFrom = -1;
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
