package io.offheap.hprof;

import java.io.IOException;

/** The file is not a heap dump, or is corrupt at a known place. The message names the file and byte offset. */
public final class HprofFormatException extends IOException {
    public HprofFormatException(String message) {
        super(message);
    }
}
