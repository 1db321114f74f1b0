package org.uniconbench.baselines.control;

import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.nn.ParameterSet;

/**
 * Initialises an adapter's copied blocks from the backbone's weights, by parameter name.
 *
 * <p>An adapter of width 1 and full depth gets exact copies. A narrower adapter gets, on every
 * axis, the first channels of each concatenated part (a decoder block's input is
 * {@code [h, skip]}: the first {@code h'} channels of h and the first {@code skip'} of the skip),
 * so the slice keeps its meaning. Parameters the backbone lacks (hint encoder, connectors) keep
 * their own initialisation.
 */
public final class WeightCopy {

    private WeightCopy() {
    }

    /**
     * Copies every parameter of {@code adapter} that {@code backbone} also has.
     *
     * @param backbone source weights
     * @param adapter destination
     * @return the number of parameters copied
     */
    public static int copyMatching(ParameterSet backbone, ParameterSet adapter) {
        int copied = 0;
        for (ParameterSet.Parameter target : adapter.all()) {
            ParameterSet.Parameter source = backbone.get(target.name());
            if (source == null) {
                continue;
            }
            float[] values = slice(source.array().toFloatArray(), source.array().getShape(),
                    source.segments(), target.array().getShape(), target.segments(), target.name());
            adapter.set(target.name(), values);
            copied++;
        }
        return copied;
    }

    /** Gathers the adapter-shaped slice out of a row-major source array. */
    static float[] slice(float[] source, Shape sourceShape, int[][] sourceSegments, Shape targetShape,
            int[][] targetSegments, String name) {
        int dims = sourceShape.dimension();
        if (targetShape.dimension() != dims) {
            throw new IllegalArgumentException(name + ": rank differs " + sourceShape + " vs " + targetShape);
        }
        int[][] index = new int[dims][];
        for (int axis = 0; axis < dims; axis++) {
            index[axis] = axisIndex((int) sourceShape.get(axis), segmentsOf(sourceSegments, axis),
                    (int) targetShape.get(axis), segmentsOf(targetSegments, axis), name);
        }
        long[] strides = new long[dims];
        long stride = 1;
        for (int axis = dims - 1; axis >= 0; axis--) {
            strides[axis] = stride;
            stride *= sourceShape.get(axis);
        }
        float[] out = new float[(int) targetShape.size()];
        int[] position = new int[dims];
        for (int i = 0; i < out.length; i++) {
            long offset = 0;
            for (int axis = 0; axis < dims; axis++) {
                offset += strides[axis] * index[axis][position[axis]];
            }
            out[i] = source[(int) offset];
            for (int axis = dims - 1; axis >= 0; axis--) {
                if (++position[axis] < targetShape.get(axis)) {
                    break;
                }
                position[axis] = 0;
            }
        }
        return out;
    }

    private static int[] segmentsOf(int[][] segments, int axis) {
        return segments == null || segments.length <= axis ? null : segments[axis];
    }

    /** For one axis: which source index each target index reads. */
    private static int[] axisIndex(int sourceSize, int[] sourceParts, int targetSize,
            int[] targetParts, String name) {
        int[] src = sourceParts == null ? new int[] {sourceSize} : sourceParts;
        int[] dst = targetParts == null ? new int[] {targetSize} : targetParts;
        if (src.length != dst.length) {
            throw new IllegalArgumentException(name + ": concatenated parts differ");
        }
        int[] index = new int[targetSize];
        int sourceStart = 0;
        int targetStart = 0;
        for (int part = 0; part < src.length; part++) {
            if (dst[part] > src[part]) {
                throw new IllegalArgumentException(name + ": adapter part of " + dst[part]
                        + " channels is wider than the backbone's " + src[part]);
            }
            for (int k = 0; k < dst[part]; k++) {
                index[targetStart + k] = sourceStart + k;
            }
            sourceStart += src[part];
            targetStart += dst[part];
        }
        return index;
    }
}
