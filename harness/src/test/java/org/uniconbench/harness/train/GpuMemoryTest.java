package org.uniconbench.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.Device;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The GPU figure's arithmetic, from made-up device readings (no GPU needed). */
class GpuMemoryTest {

    private static GpuMemory readings(long... bytes) {
        PrimitiveIterator.OfLong next = LongStream.of(bytes).iterator();
        return new GpuMemory(next::nextLong);
    }

    @Test
    void peakIsTheHighestReadingAfterAnyStepMinusTheBaseline() {
        GpuMemory gpu = readings(1000, 1500, 4000, 2500);
        for (int step = 0; step < 3; step++) {
            gpu.poll();
        }
        assertEquals(3000, gpu.peakAboveBaseline());
        assertEquals(Map.of("peakMemoryBytes", 3000L, "memoryMethod", GpuMemory.METHOD), gpu.fields());
    }

    @Test
    void readingsBelowTheBaselineGiveZeroNotANegativeFigure() {
        GpuMemory gpu = readings(1000, 900, 800);
        gpu.poll();
        gpu.poll();
        assertEquals(0, gpu.peakAboveBaseline());
    }

    @Test
    void theCpuHasNoGpuFigure() {
        assertNull(GpuMemory.startIfGpu(Device.cpu()));
    }

    @Test
    void memoryPassesOnAGpuSayHowTheirFigureWasMade() {
        for (String method : List.of(GpuMemory.METHOD, MemoryPass.GPU_METHOD)) {
            assertEquals(true, method.startsWith("GPU: ") && method.contains("cudaMemGetInfo"), method);
        }
    }
}
