package org.uniconbench.baselines.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The predicted cost of one arm's training step.
 *
 * @param precision the number format
 * @param batch samples per step
 * @param resolution image side in pixels (latent side for a latent model)
 * @param adapterParams trainable parameters of the adapter's copied blocks and hint encoder
 * @param connectorParams trainable parameters of the connectors
 * @param frozenParams parameters of the frozen backbone
 * @param connectors number of connectors
 * @param activationBytes values alive at the end of forward in this harness's step: what autograd
 *     saves for backward plus what the DJL step holds until it ends (each tensor once)
 * @param savedActivationBytes what autograd alone saves for backward (PyTorch eager's figure)
 * @param savedByPart {@code savedActivationBytes} split by the part whose operation saved each tensor
 * @param forwardFlops forward FLOPs by part
 * @param backwardFlops backward FLOPs by part
 * @param cacheableFlops forward FLOPs of the backbone's operations outside the autograd graph
 *     (UniCon's whole backbone, ControlNet's frozen encoder): what precomputed features would save
 */
public record ArmCost(Precision precision, int batch, int resolution, long adapterParams, long connectorParams,
        long frozenParams, int connectors, long activationBytes, long savedActivationBytes,
        Map<Part, Long> savedByPart, Map<Part, Double> forwardFlops, Map<Part, Double> backwardFlops,
        double cacheableFlops) {

    /** Copies the maps. */
    public ArmCost {
        savedByPart = Map.copyOf(savedByPart);
        forwardFlops = Map.copyOf(forwardFlops);
        backwardFlops = Map.copyOf(backwardFlops);
    }

    /** Trainable parameters: adapter and connectors. */
    public long trainableParams() {
        return adapterParams + connectorParams;
    }

    /** Bytes of all weights (trainable and frozen). */
    public long weightBytes() {
        return (trainableParams() + frozenParams) * precision.bytes();
    }

    /** Bytes of the trainable parameters' gradients. */
    public long gradientBytes() {
        return trainableParams() * precision.bytes();
    }

    /** Bytes of Adam's two moments. */
    public long optimizerBytes() {
        return 2 * trainableParams() * precision.bytes();
    }

    /**
     * What a step adds above the built models: gradients, optimiser state and activations (the
     * figure the fresh-JVM memory passes measure, less allocator slack and libtorch's working memory).
     */
    public long trainingBytes() {
        return gradientBytes() + optimizerBytes() + activationBytes;
    }

    /** The same with autograd's saved activations only: a framework that frees everything else. */
    public long trainingBytesSavedOnly() {
        return gradientBytes() + optimizerBytes() + savedActivationBytes;
    }

    /** Everything on the device during a step: weights plus {@link #trainingBytes()}. */
    public long totalBytes() {
        return weightBytes() + trainingBytes();
    }

    /** Forward FLOPs, all parts. */
    public double forwardFlopsTotal() {
        return forwardFlops.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Backward FLOPs, all parts. */
    public double backwardFlopsTotal() {
        return backwardFlops.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Forward plus backward FLOPs: the step-time proxy. */
    public double stepFlops() {
        return forwardFlopsTotal() + backwardFlopsTotal();
    }

    /** Step FLOPs when the backbone's features outside the graph are precomputed (the paper's setting). */
    public double stepFlopsFeaturesCached() {
        return stepFlops() - cacheableFlops;
    }

    /** A JSON-ready tree (the run summary's {@code estimate}, {@code unicon estimate --json}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", precision.key());
        m.put("batch", batch);
        m.put("resolution", resolution);
        m.put("trainableParams", trainableParams());
        m.put("adapterParams", adapterParams);
        m.put("connectorParams", connectorParams);
        m.put("frozenParams", frozenParams);
        m.put("connectors", connectors);
        m.put("weightBytes", weightBytes());
        m.put("gradientBytes", gradientBytes());
        m.put("optimizerBytes", optimizerBytes());
        m.put("activationBytes", activationBytes);
        m.put("savedActivationBytes", savedActivationBytes);
        Map<String, Object> saved = new LinkedHashMap<>();
        for (Part p : Part.values()) {
            saved.put(p.key(), savedByPart.getOrDefault(p, 0L));
        }
        m.put("savedActivationBytesByPart", saved);
        m.put("trainingBytes", trainingBytes());
        m.put("totalBytes", totalBytes());
        m.put("forwardFlops", byPart(forwardFlops));
        m.put("backwardFlops", byPart(backwardFlops));
        m.put("stepFlops", stepFlops());
        m.put("cacheableFlops", cacheableFlops);
        m.put("stepFlopsFeaturesCached", stepFlopsFeaturesCached());
        return m;
    }

    private static Map<String, Object> byPart(Map<Part, Double> flops) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Part p : Part.values()) {
            m.put(p.key(), flops.getOrDefault(p, 0.0));
        }
        m.put("total", flops.values().stream().mapToDouble(Double::doubleValue).sum());
        return m;
    }
}
