package org.uniconbench.baselines.control;

import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.nn.SliceIndex;

/**
 * Initialises an adapter's copied blocks from the backbone's weights, by parameter name.
 *
 * <p>An adapter of width 1 and full depth gets exact copies. A narrower adapter gets, on every
 * axis, the first channels of each concatenated part (a decoder block's input is
 * {@code [h, skip]}: the first {@code h'} channels of h and the first {@code skip'} of the skip),
 * so the slice keeps its meaning ({@link SliceIndex}; the copy's architecture decides the widths so
 * that GroupNorm groups and attention heads stay whole, see {@code UNetConfig.scaled} and
 * {@code DiTConfig.scaled}). Parameters the backbone lacks (hint encoder, connectors) keep their own
 * initialisation.
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
            index[axis] = SliceIndex.of((int) sourceShape.get(axis), segmentsOf(sourceSegments, axis),
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
}
