package io.offheap.samples;

/** A sample program that could not make its dump: it failed, timed out or left no ground truth. */
public final class SampleFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SampleFailure(String message) {
        super(message);
    }

    SampleFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
