package io.offheap.analyzer;

import java.util.List;

/**
 * What identifies a retainer across dumps of one JVM. Object ids are addresses and move with every
 * collection, so a retainer is known by its class, whether it is a class holding statics, the field the
 * buffers hang from, and its path from the GC root (class and field names only; array slots are all
 * {@code []}). {@link #loose()} drops the path, for a holder whose shortest path changed between dumps.
 */
record RetainerKey(String className, boolean staticHolder, String field, List<String> path) {

    static RetainerKey of(Retainer r) {
        return new RetainerKey(r.className(), r.staticHolder(), r.field(), r.path());
    }

    RetainerKey loose() {
        return new RetainerKey(className, staticHolder, field, null);
    }
}
