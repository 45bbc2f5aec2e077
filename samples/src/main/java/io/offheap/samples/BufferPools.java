package io.offheap.samples;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Properties;

/**
 * The JVM's own count of buffer memory at one moment: the {@code direct} pool mirrors
 * {@code java.nio.Bits} (COUNT, TOTAL_CAPACITY, RESERVED_MEMORY) and the {@code mapped} pool the
 * Unmapper counters (DOMAIN.md 3.4).
 */
record BufferPools(Pool direct, Pool mapped) {

    /** One pool's figures as BufferPoolMXBean reports them. */
    record Pool(long count, long totalCapacity, long memoryUsed) {
    }

    static BufferPools now() {
        return new BufferPools(pool("direct"), pool("mapped"));
    }

    /** Writes {@code <prefix>direct.count}, {@code <prefix>direct.totalCapacity}, ... and the same for mapped. */
    void writeTo(Properties properties, String prefix) {
        put(properties, prefix + "direct.", direct);
        put(properties, prefix + "mapped.", mapped);
    }

    private static void put(Properties properties, String prefix, Pool pool) {
        properties.setProperty(prefix + "count", Long.toString(pool.count()));
        properties.setProperty(prefix + "totalCapacity", Long.toString(pool.totalCapacity()));
        properties.setProperty(prefix + "memoryUsed", Long.toString(pool.memoryUsed()));
    }

    private static Pool pool(String name) {
        for (BufferPoolMXBean bean : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (bean.getName().equals(name)) {
                return new Pool(bean.getCount(), bean.getTotalCapacity(), bean.getMemoryUsed());
            }
        }
        throw new IllegalStateException("no BufferPoolMXBean named " + name);
    }
}
