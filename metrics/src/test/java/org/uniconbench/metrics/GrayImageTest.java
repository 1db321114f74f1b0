package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GrayImageTest {

    @Test
    void getReadsRowMajor() {
        GrayImage img = GrayImage.of(3, 2, new float[] {0, 1, 2, 3, 4, 5});
        assertEquals(2f, img.get(2, 0));
        assertEquals(3f, img.get(0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> img.get(3, 0));
    }

    @Test
    void constructorRejectsWrongPixelCountNamingSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GrayImage(3, 2, new float[5]));
        assertTrue(e.getMessage().contains("3*2") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void constructorRejectsEmptySizes() {
        assertThrows(IllegalArgumentException.class, () -> new GrayImage(0, 2, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> new GrayImage(2, -1, new float[0]));
    }
}
