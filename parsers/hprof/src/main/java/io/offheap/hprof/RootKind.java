package io.offheap.hprof;

/** The GC root sub-records of a heap dump, by their HPROF tag. */
public enum RootKind {
    UNKNOWN(0xFF, "unknown root"),
    JNI_GLOBAL(0x01, "JNI global"),
    JNI_LOCAL(0x02, "JNI local"),
    JAVA_FRAME(0x03, "Java frame"),
    NATIVE_STACK(0x04, "native stack"),
    STICKY_CLASS(0x05, "system class"),
    THREAD_BLOCK(0x06, "thread block"),
    MONITOR_USED(0x07, "busy monitor"),
    THREAD_OBJECT(0x08, "thread");

    private final int tag;
    private final String description;

    RootKind(int tag, String description) {
        this.tag = tag;
        this.description = description;
    }

    int tag() {
        return tag;
    }

    public String description() {
        return description;
    }
}
