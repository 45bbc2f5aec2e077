package io.offheap.hprof;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Growing a list past what an int can number is a named limit, not an internal error or a negative size. */
class GraphLimitTest {
    @Test
    void listsGrowByHalfUpToTheLimitAndNoFurther() {
        assertEquals(1_000 + 500 + 16, LongList.grow(1_000));
        assertEquals(Integer.MAX_VALUE - 16, LongList.grow(Integer.MAX_VALUE - 100), "the last step fills up to the limit");
        GraphLimit e = assertThrows(GraphLimit.class, () -> LongList.grow(Integer.MAX_VALUE - 16));
        assertEquals("more than 2,147,483,631 objects or references", e.getMessage());
    }
}
