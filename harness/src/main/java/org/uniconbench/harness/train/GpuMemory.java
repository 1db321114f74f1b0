package org.uniconbench.harness.train;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import org.uniconbench.reports.Metric;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Peak GPU memory of a training run, the GPU's counterpart of the resident-set figure.
 *
 * <p>Before training, PyTorch's caching allocator is emptied ({@code JniUtils.emptyCudaCache}) and
 * the memory in use on the device is read as the baseline ({@code cudaMemGetInfo} through DJL's
 * {@link CudaUtils#getGpuMemory}: total minus free). After every step the reading is taken again;
 * the figure is the highest reading minus the baseline. The device-level reading includes what the
 * caching allocator holds but no tensor uses, and anything other processes allocate meanwhile, so
 * it is an upper bound on the live tensors' peak, like the CPU's resident set. Readings are taken
 * after each step, when the trainer has waited for the device, and the allocator does not give
 * memory back during training, so a peak inside a step is still seen after it.
 */
final class GpuMemory {

    /** How the figure was made, for the report. */
    static final String METHOD = "GPU: device memory in use (cudaMemGetInfo via DJL CudaUtils) read after every "
            + "training step; peak minus the reading after emptying PyTorch's cache and building the model. Includes "
            + "the caching allocator's reserve: an upper bound on live tensors";

    private final LongSupplier inUse;
    private final long baseline;
    private long peak;

    /**
     * Starts tracking, reading the baseline now.
     *
     * @param inUse bytes in use on the device now
     */
    GpuMemory(LongSupplier inUse) {
        this.inUse = inUse;
        this.baseline = inUse.getAsLong();
        this.peak = baseline;
    }

    /**
     * Empties PyTorch's CUDA cache and starts tracking the device, or returns null for the CPU.
     *
     * @param device where the model trains
     * @return the tracker, or null when {@code device} is not a GPU
     */
    static GpuMemory startIfGpu(Device device) {
        if (!device.isGpu()) {
            return null;
        }
        JniUtils.emptyCudaCache(); // cached blocks of earlier work would hide this run's allocations
        return new GpuMemory(() -> CudaUtils.getGpuMemory(device).getCommitted());
    }

    /** Takes a reading; call after every training step. */
    void poll() {
        peak = Math.max(peak, inUse.getAsLong());
    }

    /** The highest reading minus the baseline, never negative. */
    long peakAboveBaseline() {
        return Math.max(0, peak - baseline);
    }

    /** The row's memory fields: {@code peakMemoryBytes} and {@code memoryMethod}. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(Metric.PEAK_MEMORY.key(), peakAboveBaseline());
        fields.put("memoryMethod", METHOD);
        return fields;
    }
}
