package org.uniconbench.harness.train;

import ai.djl.Device;
import org.uniconbench.baselines.nn.Checkpoint;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.train.Adam;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam's moments as a checkpoint file ({@code first.NAME}, {@code second.NAME} for every trained
 * parameter), the part of a training state that an arm's checkpoint ({@link ArmCheckpoint}) and a
 * pre-training's ({@link PretrainCheckpoint}) share.
 */
final class AdamFile {

    private AdamFile() {
    }

    /**
     * Saves the optimiser's moments.
     *
     * @param file where
     * @param adam the optimiser
     * @param parameters the model's parameters (for each moment's shape)
     * @throws IOException when the file cannot be written
     */
    static void save(Path file, Adam adam, ParameterSet parameters) throws IOException {
        try (ParameterSet moments = new ParameterSet(Device.cpu())) {
            for (Map.Entry<String, float[][]> m : adam.moments().entrySet()) {
                var shape = parameters.get(m.getKey()).array().getShape();
                moments.add("first." + m.getKey(), shape, m.getValue()[0], false, null);
                moments.add("second." + m.getKey(), shape, m.getValue()[1], false, null);
            }
            Checkpoint.save(moments, file);
        }
    }

    /**
     * Reads the moments of {@code trainable}, checking every name and shape, without touching an
     * optimiser: the caller restores them ({@link Adam#restore}) once everything else it needs has
     * been read.
     *
     * @param file the file {@link #save} wrote
     * @param trainable the parameters whose moments to read
     * @return each parameter's first and second moment, by name
     * @throws IOException when the file is missing or damaged
     * @throws IllegalArgumentException when a name or shape is not the model's
     */
    static Map<String, float[][]> read(Path file, List<ParameterSet.Parameter> trainable) throws IOException {
        try (ParameterSet moments = new ParameterSet(Device.cpu())) {
            for (ParameterSet.Parameter p : trainable) {
                float[] zeros = new float[(int) p.size()];
                moments.add("first." + p.name(), p.array().getShape(), zeros, false, null);
                moments.add("second." + p.name(), p.array().getShape(), zeros, false, null);
            }
            Checkpoint.load(file, moments);
            Map<String, float[][]> state = new LinkedHashMap<>();
            for (ParameterSet.Parameter p : trainable) {
                state.put(p.name(), new float[][] {moments.get("first." + p.name()).array().toFloatArray(),
                    moments.get("second." + p.name()).array().toFloatArray()});
            }
            return state;
        }
    }
}
