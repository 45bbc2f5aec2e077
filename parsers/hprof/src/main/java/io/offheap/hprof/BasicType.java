package io.offheap.hprof;

/** HPROF basic type codes (heapDumper.cpp {@code hprofTag}: HPROF_NORMAL_OBJECT .. HPROF_LONG). */
public enum BasicType {
    OBJECT(2, -1, "Object"),
    BOOLEAN(4, 1, "boolean"),
    CHAR(5, 2, "char"),
    FLOAT(6, 4, "float"),
    DOUBLE(7, 8, "double"),
    BYTE(8, 1, "byte"),
    SHORT(9, 2, "short"),
    INT(10, 4, "int"),
    LONG(11, 8, "long");

    private static final BasicType[] BY_CODE = new BasicType[12];

    static {
        for (BasicType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int size;
    private final String javaName;

    BasicType(int code, int size, String javaName) {
        this.code = code;
        this.size = size;
        this.javaName = javaName;
    }

    /** The type for a code, or null when the code is not a valid HPROF basic type. */
    static BasicType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Size in bytes of a value of this type in the dump; object references take the identifier size. */
    public int size(int idSize) {
        return this == OBJECT ? idSize : size;
    }

    public String javaName() {
        return javaName;
    }
}
