package io.offheap.samples;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The benchmark's dump: a heap that looks like a real service (customers, orders, a product catalog,
 * an event log: maps, lists, strings, arrays, back references) with direct buffers of every kind and
 * state among it. At scale 1 the dump is about 1.7 GB with about 15.7 million objects and 200,000 direct
 * buffers; every count scales linearly with the scale argument.
 *
 * <p>Buffers, by category (as in {@link BufferZoo}; capacities 16-4102 bytes, so native memory stays
 * near 150 MB at scale 1): owner.live (held by {@link BufferCache} and {@link SessionRegistry}),
 * owner.awaiting (dropped), owner.freed (cleaner run explicitly; some still held by
 * {@link ClosedBuffers}), view.live (slices, duplicates, read-only views of cached owners, held by
 * {@link FrameViews}), view.unreachable (slices of dropped owners), typed.live (long views, capacity
 * in longs), mapped.live / mapped.awaiting (a few file mappings), unowned.live / unowned.unreachable
 * (Unsafe memory wrapped like JNI does; held by {@link NativeArena}). Each category is written with
 * .count and .bytes only (no .capacities: that would be 200,000 numbers).
 *
 * <p>Other keys in expected.properties: scale, holders (holder class names), holder.&lt;Simple&gt;.class,
 * .field, .count, .bytes; graph.customers, graph.orders, graph.products, graph.events;
 * heap.objects and heap.bytes (the JVM's own class histogram of all objects, garbage included,
 * taken just before the dump); gc.collections; and the common keys of every sample.
 *
 * <p>The graph is built first and collected once with System.gc(); then the buffers are made and
 * the heap dumped (live=false) with no collection in between (the program fails if one ran), so
 * dropped owners are awaiting-gc in the dump. Needs {@link #jvmArgs} and
 * {@code --add-opens java.base/java.nio=ALL-UNNAMED}.
 *
 * <p>Usage: {@code BigHeap <outDir> [scale] [--wait]}. With {@code --wait}, after dumping itself it
 * writes its pid to {@code outDir/ready} and waits (up to an hour, allocating nothing) until
 * {@code outDir/done} exists, so that {@code jcmd <pid> GC.heap_dump -all -gz=1} can take a
 * compressed dump of the same heap; it fails if a collection ran meanwhile.
 */
public final class BigHeap {

    /** Buffers at scale 1, by category. */
    private static final int CACHED = 80_000;
    private static final int SESSIONS = 30_000;
    private static final int DROPPED = 40_000;
    private static final int FREED = 10_000;
    private static final int VIEWS = 24_000;
    private static final int TYPED_VIEWS = 1_000;
    private static final int UNOWNED = 10_000;
    /** Every 8th dropped owner also leaves a dropped slice: view.unreachable = DROPPED / 8. */
    private static final int DROPPED_SLICE_EVERY = 8;
    /** Mappings do not scale: a few are enough, each a real mmap. */
    private static final int MAPPED_LIVE = 8;
    private static final int MAPPED_DROPPED = 4;
    private static final int MAPPING_SIZE = 4_096;

    /** Heap objects at scale 1: about 31 objects per customer, 8 per product, 2 per event. */
    private static final int CUSTOMERS = 350_000;
    private static final int PRODUCTS = 100_000;
    private static final int EVENTS = 1_500_000;

    private static final String[] STATUSES = {"NEW", "PAID", "PACKED", "SHIPPED", "DELIVERED", "RETURNED"};
    private static final String[] EVENT_TYPES = {"login", "logout", "search", "view", "add-to-cart", "checkout",
            "payment", "refund", "error", "heartbeat"};
    private static final String[] TAGS = {"new", "sale", "eco", "gift", "bulk", "fragile", "imported", "local"};
    private static final String[] CITIES = {"Lisbon", "Oslo", "Lyon", "Graz", "Turin", "Ghent", "Porto", "Cork"};

    // --- the service's ordinary heap -------------------------------------------------------------

    record Address(String street, String city, int zip) {
    }

    static final class Product {
        final long id;
        final String sku;
        final String name;
        final int[] stockByWarehouse;
        final List<String> tags;
        long priceCents;

        Product(long id, String sku, String name, int[] stockByWarehouse, List<String> tags, long priceCents) {
            this.id = id;
            this.sku = sku;
            this.name = name;
            this.stockByWarehouse = stockByWarehouse;
            this.tags = tags;
            this.priceCents = priceCents;
        }
    }

    static final class LineItem {
        final Product product;
        final int quantity;
        final long priceCents;

        LineItem(Product product, int quantity, long priceCents) {
            this.product = product;
            this.quantity = quantity;
            this.priceCents = priceCents;
        }
    }

    static final class Order {
        final long id;
        final long createdMillis;
        final Customer customer;
        final List<LineItem> items = new ArrayList<>();
        String status;

        Order(long id, long createdMillis, Customer customer, String status) {
            this.id = id;
            this.createdMillis = createdMillis;
            this.customer = customer;
            this.status = status;
        }
    }

    static final class Customer {
        final long id;
        final String email;
        final String name;
        final Address address;
        final List<Order> orders = new ArrayList<>();

        Customer(long id, String email, String name, Address address) {
            this.id = id;
            this.email = email;
            this.name = name;
            this.address = address;
        }
    }

    static final class Event {
        final long timestamp;
        final String type;
        final byte[] payload;

        Event(long timestamp, String type, byte[] payload) {
            this.timestamp = timestamp;
            this.type = type;
            this.payload = payload;
        }
    }

    /** The service's state: what keeps the ordinary graph alive. */
    static final class Service {
        static final Map<String, Product> CATALOG = new HashMap<>();
        static final Map<Long, Customer> CUSTOMERS_BY_ID = new ConcurrentHashMap<>();
        static final TreeMap<String, Customer> CUSTOMERS_BY_EMAIL = new TreeMap<>();
        static final ArrayDeque<Event> EVENT_LOG = new ArrayDeque<>();
        static final long[][] LATENCY_HISTOGRAMS = new long[64][];
    }

    // --- buffer holders --------------------------------------------------------------------------

    /** A cache of many small owners keyed by name: the largest retainer. */
    static final class BufferCache {
        static final Map<String, ByteBuffer> ENTRIES = new LinkedHashMap<>();
    }

    /** Connections, each holding its own read buffer. */
    static final class SessionRegistry {
        static final SessionRegistry INSTANCE = new SessionRegistry();
        final Map<Long, Session> sessions = new HashMap<>();
    }

    /** One connection of {@link SessionRegistry}. */
    static final class Session {
        final long id;
        final String peer;
        final ByteBuffer readBuffer;

        Session(long id, String peer, ByteBuffer readBuffer) {
            this.id = id;
            this.peer = peer;
            this.readBuffer = readBuffer;
        }
    }

    /** Views of cached owners: frames being parsed. */
    static final class FrameViews {
        static final List<Buffer> VIEWS = new ArrayList<>();
    }

    /** Owners closed (cleaner run) but still referenced. */
    static final class ClosedBuffers {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** Buffers over native memory the JVM did not reserve. */
    static final class NativeArena {
        static final List<ByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** File mappings. */
    static final class Mappings {
        static final List<MappedByteBuffer> BUFFERS = new ArrayList<>();
    }

    /** Count and bytes per category; GroundTruth.add would keep every capacity. */
    private static final Map<String, long[]> TALLY = new LinkedHashMap<>();

    private BigHeap() {
    }

    /**
     * Parallel GC with a fixed 512 MiB young generation (the buffer phase fits in eden after the
     * System.gc(), so no collection discovers the dropped owners), a heap big enough for scale 1,
     * and a direct limit no buffer phase reaches (Bits would call System.gc() at the limit). No GC
     * log: {@code outDir} is taken only for the same signature as the other samples' (bench/benchmark.sh
     * passes the same options).
     */
    public static List<String> jvmArgs(Path outDir) {
        return List.of("-XX:+UseParallelGC", "-Xms4g", "-Xmx4g", "-Xmn512m", "-XX:MaxDirectMemorySize=2g");
    }

    /** args: outDir [scale, default 1] [--wait]. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("usage: BigHeap <outDir> [scale] [--wait]");
        }
        Path out = Path.of(args[0]);
        double scale = 1.0;
        boolean wait = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--wait")) {
                wait = true;
            } else {
                scale = Double.parseDouble(args[i]);
            }
        }
        if (!(scale > 0 && scale <= 4)) {
            throw new IllegalArgumentException("scale must be in (0, 4]: " + scale);
        }
        Files.createDirectories(out);
        Instant start = Instant.now();
        GroundTruth truth = GroundTruth.start();

        buildGraph(truth, scale);
        System.out.println("graph built in " + Duration.between(start, Instant.now()).toMillis() + " ms");
        // Collect the construction garbage now, so the buffer phase starts with an empty eden.
        System.gc();
        long collections = GcCounts.total();

        holdOwners(scale(CACHED, scale), scale(SESSIONS, scale));
        viewCachedOwners(scale(VIEWS, scale), scale(TYPED_VIEWS, scale));
        dropOwners(scale(DROPPED, scale));
        freeOwners(scale(FREED, scale));
        mapFile(out);
        wrapNativeMemory(scale(UNOWNED, scale));

        requireNoCollectionSince(collections);
        TALLY.forEach((category, tally) -> truth.put(category + ".count", tally[0]).put(category + ".bytes", tally[1]));
        putHolder(truth, BufferCache.class, "ENTRIES", BufferCache.ENTRIES.values());
        putHolder(truth, SessionRegistry.class, "INSTANCE",
                SessionRegistry.INSTANCE.sessions.values().stream().map(s -> s.readBuffer).toList());
        putHolder(truth, ClosedBuffers.class, "BUFFERS", ClosedBuffers.BUFFERS);
        putHolder(truth, NativeArena.class, "BUFFERS", NativeArena.BUFFERS);
        truth.put("holders", String.join(",", BufferCache.class.getName(), SessionRegistry.class.getName(),
                ClosedBuffers.class.getName(), NativeArena.class.getName()));
        long[] histogram = histogramTotal();
        truth.put("scale", scale)
                .put("heap.objects", histogram[0])
                .put("heap.bytes", histogram[1])
                .put("gc.collections", collections)
                .dumps(List.of("BigHeap.hprof"))
                .write(out);
        requireNoCollectionSince(collections);
        Path dump = out.resolve("BigHeap.hprof");
        HeapDump.write(dump);
        requireNoCollectionSince(collections);
        System.out.printf("scale %s: %,d objects, %,d bytes in the heap; dump %,d bytes in %d ms%n", scale,
                histogram[0], histogram[1], Files.size(dump), Duration.between(start, Instant.now()).toMillis());
        if (wait) {
            awaitJcmd(out);
            requireNoCollectionSince(collections);
        }
    }

    private static int scale(int count, double scale) {
        return Math.max(1, (int) Math.round(count * scale));
    }

    // --- the ordinary graph ----------------------------------------------------------------------

    private static void buildGraph(GroundTruth truth, double scale) {
        SplittableRandom random = new SplittableRandom(42);
        int products = scale(PRODUCTS, scale);
        Product[] catalog = new Product[products];
        for (int i = 0; i < products; i++) {
            String sku = "SKU-" + Integer.toString(i, 36).toUpperCase() + "-" + (i % 97);
            int[] stock = new int[4 + random.nextInt(12)];
            for (int w = 0; w < stock.length; w++) {
                stock[w] = random.nextInt(1_000);
            }
            List<String> tags = List.of(TAGS[i % TAGS.length], TAGS[(i / 8) % TAGS.length]);
            catalog[i] = new Product(i, sku, "Product " + i + " " + TAGS[random.nextInt(TAGS.length)], stock, tags,
                    100 + random.nextInt(100_000));
            Service.CATALOG.put(sku, catalog[i]);
        }
        int customers = scale(CUSTOMERS, scale);
        long orderId = 0;
        for (int i = 0; i < customers; i++) {
            String email = "user" + i + "@example" + (i % 50) + ".com";
            Address address = new Address(random.nextInt(1, 300) + " Main Street " + (i % 1_000),
                    CITIES[i % CITIES.length], 10_000 + random.nextInt(90_000));
            Customer customer = new Customer(i, email, "Customer " + i, address);
            int orders = random.nextInt(1, 6);
            for (int o = 0; o < orders; o++) {
                Order order = new Order(orderId++, 1_700_000_000_000L + random.nextLong(1L << 32), customer,
                        STATUSES[random.nextInt(STATUSES.length)]);
                int items = random.nextInt(1, 6);
                for (int k = 0; k < items; k++) {
                    Product product = catalog[random.nextInt(products)];
                    order.items.add(new LineItem(product, random.nextInt(1, 10), product.priceCents));
                }
                customer.orders.add(order);
            }
            Service.CUSTOMERS_BY_ID.put((long) i, customer);
            Service.CUSTOMERS_BY_EMAIL.put(email, customer);
        }
        int events = scale(EVENTS, scale);
        for (int i = 0; i < events; i++) {
            Service.EVENT_LOG.add(new Event(1_700_000_000_000L + i, EVENT_TYPES[i % EVENT_TYPES.length],
                    payload(random, i)));
        }
        for (int i = 0; i < Service.LATENCY_HISTOGRAMS.length; i++) {
            Service.LATENCY_HISTOGRAMS[i] = new long[4_096];
        }
        truth.put("graph.products", products)
                .put("graph.customers", customers)
                .put("graph.orders", orderId)
                .put("graph.events", events);
    }

    /**
     * 64 to 1087 bytes of JSON-like text with a few random fields: compresses about as well as a real
     * service's strings and messages (random bytes would make the -gz=1 dump unrealistically large).
     */
    private static byte[] payload(SplittableRandom random, int i) {
        byte[] payload = new byte[64 + random.nextInt(1_024)];
        byte[] record = ("{\"event\":" + i + ",\"user\":" + random.nextInt(1_000_000) + ",\"session\":\""
                + Long.toHexString(random.nextLong()) + "\",\"path\":\"/api/v2/items/" + random.nextInt(100_000)
                + "\",\"status\":200},").getBytes(StandardCharsets.US_ASCII);
        for (int p = 0; p < payload.length; p++) {
            payload[p] = record[p % record.length];
        }
        return payload;
    }

    // --- the buffers -----------------------------------------------------------------------------

    /** 16 to 4102 bytes, varied: native memory stays small while the buffer count is large. */
    private static int capacity(int i) {
        return (16 << (i % 9)) + (i % 7);
    }

    private static void holdOwners(int cached, int sessions) {
        for (int i = 0; i < cached; i++) {
            BufferCache.ENTRIES.put("chunk-" + i, allocate("owner.live", capacity(i)));
        }
        for (int i = 0; i < sessions; i++) {
            SessionRegistry.INSTANCE.sessions.put((long) i,
                    new Session(i, "10.0." + (i >> 8 & 255) + "." + (i & 255), allocate("owner.live", capacity(i + 3))));
        }
    }

    /** Views own nothing: att points at the cached owner (DOMAIN.md 1.3). */
    private static void viewCachedOwners(int views, int typedViews) {
        List<ByteBuffer> owners = new ArrayList<>(BufferCache.ENTRIES.values());
        for (int i = 0; i < views; i++) {
            ByteBuffer owner = owners.get(i % owners.size());
            ByteBuffer view = switch (i % 3) {
                case 0 -> owner.slice(0, owner.capacity() / 2);
                case 1 -> owner.duplicate();
                default -> owner.asReadOnlyBuffer();
            };
            FrameViews.VIEWS.add(view);
            count("view.live", view.capacity());
        }
        for (int i = 0; i < typedViews; i++) {
            Buffer longs = owners.get((i * 7) % owners.size()).asLongBuffer();
            FrameViews.VIEWS.add(longs);
            count("typed.live", longs.capacity());
        }
    }

    /** Unreachable once allocated; cleaners stay unrun until a GC discovers them. */
    private static void dropOwners(int dropped) {
        for (int i = 0; i < dropped; i++) {
            ByteBuffer owner = allocate("owner.awaiting", capacity(i + 5));
            if (i % DROPPED_SLICE_EVERY == 0) {
                count("view.unreachable", owner.slice(0, 8).capacity());
            }
        }
    }

    /** Cleaner already ran: half stay referenced, half are dropped (all state freed). */
    private static void freeOwners(int freed) {
        for (int i = 0; i < freed; i++) {
            ByteBuffer owner = allocate("owner.freed", capacity(i + 1));
            NativeMemory.free(owner);
            if (i % 2 == 0) {
                ClosedBuffers.BUFFERS.add(owner);
            }
        }
    }

    /** A few mappings of one file; mappings count in the mapped pool, not in Bits. */
    private static void mapFile(Path out) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(out.resolve("mapped.bin").toFile(), "rw")) {
            file.setLength((long) (MAPPED_LIVE + MAPPED_DROPPED) * MAPPING_SIZE);
            FileChannel channel = file.getChannel();
            for (int i = 0; i < MAPPED_LIVE + MAPPED_DROPPED; i++) {
                MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_WRITE, (long) i * MAPPING_SIZE, MAPPING_SIZE);
                if (i < MAPPED_LIVE) {
                    Mappings.BUFFERS.add(mapping);
                    count("mapped.live", MAPPING_SIZE);
                } else {
                    count("mapped.awaiting", MAPPING_SIZE);
                }
            }
        }
    }

    /** No cleaner, no att: only the program could free this memory; the dropped tenth leaks it. */
    private static void wrapNativeMemory(int unowned) {
        for (int i = 0; i < unowned; i++) {
            int capacity = capacity(i + 2);
            ByteBuffer buffer = NativeMemory.allocateUnowned(capacity);
            if (i % 10 == 9) {
                count("unowned.unreachable", capacity);
            } else {
                NativeArena.BUFFERS.add(buffer);
                count("unowned.live", capacity);
            }
        }
    }

    private static ByteBuffer allocate(String category, int capacity) {
        count(category, capacity);
        return ByteBuffer.allocateDirect(capacity);
    }

    private static void count(String category, long capacity) {
        long[] tally = TALLY.computeIfAbsent(category, c -> new long[2]);
        tally[0]++;
        tally[1] += capacity;
    }

    private static void putHolder(GroundTruth truth, Class<?> holder, String field, Iterable<? extends Buffer> buffers) {
        long count = 0;
        long bytes = 0;
        for (Buffer buffer : buffers) {
            count++;
            bytes += buffer.capacity();
        }
        String prefix = "holder." + holder.getSimpleName() + ".";
        truth.put(prefix + "class", holder.getName())
                .put(prefix + "field", field)
                .put(prefix + "count", count)
                .put(prefix + "bytes", bytes);
    }

    // --- the JVM ---------------------------------------------------------------------------------

    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$", Pattern.MULTILINE);

    /**
     * Instances and bytes of every object in the heap, garbage included, from the JVM's
     * GC.class_histogram -all (which, unlike the default, runs no collection).
     */
    private static long[] histogramTotal() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[] {"-all"}}, new String[] {String[].class.getName()});
        Matcher total = TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("no Total line in GC.class_histogram -all");
        }
        return new long[] {Long.parseLong(total.group(1)), Long.parseLong(total.group(2))};
    }

    /** Tells the caller the pid and sleeps until it has taken its dumps with jcmd. */
    private static void awaitJcmd(Path out) throws IOException, InterruptedException {
        Path done = out.resolve("done");
        Files.deleteIfExists(done);
        Path ready = out.resolve("ready");
        Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
        Instant deadline = Instant.now().plus(Duration.ofHours(1));
        while (!Files.exists(done)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no " + done + " within an hour");
            }
            Thread.sleep(200);
        }
        Files.deleteIfExists(ready);
        Files.deleteIfExists(done);
    }

    /** A collection after the drops could run cleaners and make the recorded states false. */
    private static void requireNoCollectionSince(long collections) {
        long now = GcCounts.total();
        if (now != collections) {
            throw new IllegalStateException((now - collections) + " GC(s) ran after the buffers were made;"
                    + " the dump would not match expected.properties: give the JVM a larger young generation");
        }
    }
}
