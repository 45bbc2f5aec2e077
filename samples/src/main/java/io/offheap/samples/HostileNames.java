package io.offheap.samples;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Unsafe;

/**
 * A dump whose names are hostile to a report: classes, fields, a thread and strings whose names hold
 * markup ({@code <script>}, event handler attributes, quotes, {@code </style>}), terminal escape
 * sequences, control characters and a right-to-left override. A report must show them as text.
 *
 * <p>The classes are made at run time from tiny hand-made class files (fields only, no methods): the
 * JVM accepts any character in a class or field name except {@code . ; [ /} (JVMS 4.2.2), so markup
 * that needs a {@code /} ({@code </script>}) can only come from thread names and strings.
 *
 * <ul>
 *   <li>{@link #STATIC_CLASS}: holds live owners in its static field {@link #STATIC_FIELD} (a static
 *       retainer);</li>
 *   <li>{@link #INSTANCE_CLASS}: an instance held only by a local variable of the thread named
 *       {@link #THREAD_NAME} holds live owners in its field {@link #INSTANCE_FIELD} (an instance
 *       retainer, rooted in a Java frame);</li>
 *   <li>{@link #STRING}: a string held by a static field of this class.</li>
 * </ul>
 *
 * expected.properties: static.class, static.field, static.count, static.bytes, instance.class,
 * instance.field, instance.count, instance.bytes, thread.name, string, and the common keys.
 */
public final class HostileNames {

    /**
     * Markup, quotes, entities without their semicolon (HTML still decodes them in text), a bell, a
     * terminal escape (ESC "(0": line-drawing character set) and a right-to-left override. ({@code pwned=N}
     * sets a global in a browser, so a test can tell whether any of it ran.)
     */
    public static final String STATIC_CLASS =
            "hostile.Cache<script>pwned=1<\"'&amp&lt\u0007\u001b(0\u202Etxt";
    public static final String STATIC_FIELD = "BUFFERS<img src=x onerror=\"pwned=2\">";
    /** Attribute break-out, an SVG handler, a C1 control (NEL) and a line separator. */
    public static final String INSTANCE_CLASS = "hostile.Holder\"><svg onload=pwned=3>\u0085\u2028x";
    public static final String INSTANCE_FIELD = "held<style>*{display:none}<\u0000\u007f";
    public static final String THREAD_NAME =
            "</style></script><script>window.pwned=4</script>\u0000\u001b[2J<!--";
    public static final String STRING = "</style><script>window.pwned=5</script>]]>\u0001";

    private static final int[] STATIC_CAPACITIES = {655_361, 131_101, 4_133};
    private static final int[] INSTANCE_CAPACITIES = {393_241, 8_209};

    private static final Unsafe UNSAFE = unsafe();

    /** Keeps the hostile string and the static holder class (hence its loader) reachable. */
    static final List<Object> KEEP = new ArrayList<>();

    private HostileNames() {
    }

    public static List<String> jvmArgs(Path outDir) {
        return List.of("-Xms64m", "-Xmx64m", GcLog.option(outDir));
    }

    /** args[0]: output directory for expected.properties and HostileNames.hprof. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        GroundTruth truth = GroundTruth.start();
        KEEP.add(new String(STRING.toCharArray()));

        Loader loader = new Loader();
        Class<?> cache = loader.define(STATIC_CLASS, STATIC_FIELD, true);
        // No local variable keeps the list: main's frame would root it before the class does.
        cache.getField(STATIC_FIELD).set(null, allocate(STATIC_CAPACITIES));
        KEEP.add(cache);

        Class<?> holderClass = loader.define(INSTANCE_CLASS, INSTANCE_FIELD, false);
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch dumped = new CountDownLatch(1);
        Thread thread = new Thread(() -> holdUntilDumped(holderClass, ready, dumped), THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        ready.await();

        truth.put("static.class", STATIC_CLASS)
                .put("static.field", STATIC_FIELD)
                .put("static.count", STATIC_CAPACITIES.length)
                .put("static.bytes", sum(STATIC_CAPACITIES))
                .put("instance.class", INSTANCE_CLASS)
                .put("instance.field", INSTANCE_FIELD)
                .put("instance.count", INSTANCE_CAPACITIES.length)
                .put("instance.bytes", sum(INSTANCE_CAPACITIES))
                .put("thread.name", thread.getName())
                .put("string", STRING)
                .dumps(List.of("HostileNames.hprof"))
                .write(out);
        HeapDump.write(out.resolve("HostileNames.hprof"));
        dumped.countDown();
        thread.join();
    }

    /** The holder instance lives only in this frame's local variable until the dump is written. */
    private static void holdUntilDumped(Class<?> holderClass, CountDownLatch ready, CountDownLatch dumped) {
        try {
            Object holder = UNSAFE.allocateInstance(holderClass);
            holderClass.getField(INSTANCE_FIELD).set(holder, allocate(INSTANCE_CAPACITIES));
            ready.countDown();
            dumped.await();
            Reference.reachabilityFence(holder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<ByteBuffer> allocate(int[] capacities) {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int capacity : capacities) {
            buffers.add(ByteBuffer.allocateDirect(capacity));
        }
        return buffers;
    }

    private static long sum(int[] capacities) {
        long total = 0;
        for (int c : capacities) {
            total += c;
        }
        return total;
    }

    /** Defines classes from bytes; a class name with '.' separators, like ClassLoader.defineClass wants. */
    private static final class Loader extends ClassLoader {
        Loader() {
            super(HostileNames.class.getClassLoader());
        }

        Class<?> define(String name, String field, boolean isStatic) {
            byte[] bytes = classFile(name.replace('.', '/'), field, isStatic);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /**
     * A public class extending Object with one public {@code java.util.List} field and no methods
     * (JVMS 4.1): nothing calls a constructor, instances come from {@link Unsafe#allocateInstance}.
     * CONSTANT_Utf8 is modified UTF-8 with a u2 length, which is what {@link DataOutputStream#writeUTF} writes.
     */
    static byte[] classFile(String internalName, String field, boolean isStatic) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(52); // Java 8 class file: loads on every JDK the samples run on
            out.writeShort(7); // constant pool count: entries 1..6
            utf8(out, internalName); // 1
            out.writeByte(7); // 2: CONSTANT_Class -> 1
            out.writeShort(1);
            utf8(out, "java/lang/Object"); // 3
            out.writeByte(7); // 4: CONSTANT_Class -> 3
            out.writeShort(3);
            utf8(out, field); // 5
            utf8(out, "Ljava/util/List;"); // 6
            out.writeShort(0x0021); // ACC_PUBLIC | ACC_SUPER
            out.writeShort(2); // this_class
            out.writeShort(4); // super_class
            out.writeShort(0); // interfaces
            out.writeShort(1); // fields
            out.writeShort(isStatic ? 0x0009 : 0x0001); // ACC_PUBLIC (| ACC_STATIC)
            out.writeShort(5);
            out.writeShort(6);
            out.writeShort(0); // field attributes
            out.writeShort(0); // methods
            out.writeShort(0); // class attributes
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        out.writeByte(1);
        out.writeUTF(s);
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
