package org.uniconbench.baselines.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Constant weight 1 and bias 0 of a given width, for PyTorch's fused {@code layer_norm} where no
 * learned affine is wanted: DJL's {@code layerNorm} dereferences both, so "none" has to be spelled
 * as the identity.
 *
 * <p>One pair per device, type and width, made on first use and kept for the life of the process
 * on a manager of its own (a few KiB: one pair per distinct group size of the networks built).
 * Constants never require a gradient, so autograd computes no gradient for them.
 */
final class NormIdentity {

    private record Key(Device device, DataType type, long width) {
    }

    private static final Map<Key, NDArray[]> CACHE = new ConcurrentHashMap<>();
    private static final Map<Device, NDManager> MANAGERS = new ConcurrentHashMap<>();

    private NormIdentity() {
    }

    /**
     * The identity affine of {@code width} features.
     *
     * @param like an array on the device and of the type wanted
     * @param width the normalised size
     * @return {@code {ones, zeros}}, each {@code [width]}
     */
    static NDArray[] of(NDArray like, long width) {
        return CACHE.computeIfAbsent(new Key(like.getDevice(), like.getDataType(), width), key -> {
            NDManager manager = MANAGERS.computeIfAbsent(key.device(), NDManager::newBaseManager);
            Shape shape = new Shape(key.width());
            return new NDArray[] {manager.ones(shape, key.type()), manager.zeros(shape, key.type())};
        });
    }
}
