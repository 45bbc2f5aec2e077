package io.offheap.analyzer;

/**
 * One direct buffer of the census. {@code reservedBytes} is what the buffer holds against the limit:
 * the Deallocator's {@code size} where present, else the capacity (DOMAIN.md 3.2); the mapping
 * length for mapped buffers; 0 for views. {@code owner} is the id of the buffer a view shares memory
 * with (0 otherwise); {@code retainer} the id of the object that keeps a live owner (0 if none).
 */
public record Buffer(long id, String className, long capacity, long address, BufferKind kind, BufferState state,
                     long owner, long reservedBytes, Generation generation, long retainer) {

    Buffer withGeneration(Generation g) {
        return new Buffer(id, className, capacity, address, kind, state, owner, reservedBytes, g, retainer);
    }

    Buffer withRetainer(long r) {
        return new Buffer(id, className, capacity, address, kind, state, owner, reservedBytes, generation, r);
    }
}
