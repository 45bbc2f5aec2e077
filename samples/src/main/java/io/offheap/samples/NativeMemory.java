package io.offheap.samples;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import sun.misc.Unsafe;

/**
 * What applications do behind the JVM's back: free an owner explicitly, and wrap native memory the
 * JVM never reserved, as JNI NewDirectByteBuffer and Netty's no-cleaner buffers do (DOMAIN.md 1.3).
 * JDK 23+ prints a one-time deprecation warning for these Unsafe methods; they still work.
 */
final class NativeMemory {

    private static final Unsafe UNSAFE = theUnsafe();
    private static final Constructor<?> WRAPPER = wrapper();

    private NativeMemory() {
    }

    /** Runs the owner's cleaner now: its memory is freed and unreserved, the object stays (state freed). */
    static void free(ByteBuffer owner) {
        UNSAFE.invokeCleaner(owner);
    }

    /** A direct buffer over fresh native memory that Bits does not count and no cleaner will free. */
    static ByteBuffer allocateUnowned(int capacity) {
        long address = UNSAFE.allocateMemory(capacity);
        // Not a conditional expression: it would unbox and widen both branches to long.
        Object capacityArgument = Integer.valueOf(capacity);
        if (WRAPPER.getParameterTypes()[1] == long.class) {
            capacityArgument = Long.valueOf(capacity);
        }
        try {
            return (ByteBuffer) WRAPPER.newInstance(address, capacityArgument);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot wrap native memory in a DirectByteBuffer", e);
        }
    }

    private static Unsafe theUnsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe.theUnsafe is not reachable", e);
        }
    }

    /** The constructor JNI uses: (long, int) up to JDK 17, (long, long) with a range check from 21. */
    private static Constructor<?> wrapper() {
        Class<?> dbb;
        try {
            dbb = Class.forName("java.nio.DirectByteBuffer");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        for (Class<?> capacityType : new Class<?>[] {long.class, int.class}) {
            Constructor<?> constructor;
            try {
                constructor = dbb.getDeclaredConstructor(long.class, capacityType);
            } catch (NoSuchMethodException e) {
                continue;
            }
            try {
                constructor.setAccessible(true);
                return constructor;
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "DirectByteBuffer(long, " + capacityType + ") is not accessible: run with "
                                + "--add-opens java.base/java.nio=ALL-UNNAMED", e);
            }
        }
        throw new IllegalStateException("no DirectByteBuffer(long, long) or (long, int) constructor in "
                + System.getProperty("java.version"));
    }
}
