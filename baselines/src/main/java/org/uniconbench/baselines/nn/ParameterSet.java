package org.uniconbench.baselines.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered set of named parameters that owns their native memory.
 *
 * <p>Frozen parameters never require a gradient, so operations on them alone build no autograd
 * graph; trainable ones do. Closing the set frees every parameter (and any optimiser state
 * attached to the same manager).
 */
public final class ParameterSet implements AutoCloseable {

    /**
     * One named parameter.
     *
     * @param name stable dotted name, shared by a backbone and the adapter copied from it
     * @param array the values (attached to the set's manager)
     * @param trainable whether the optimiser updates it
     * @param segments per axis, the sizes of the concatenated parts (null where the axis is one
     *     part); used to slice a narrow adapter copy out of the backbone
     */
    public record Parameter(String name, NDArray array, boolean trainable, int[][] segments) {
        /** Number of scalar values. */
        public long size() {
            return array.getShape().size();
        }
    }

    private final NDManager manager;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    /**
     * Creates an empty set whose arrays live on the given device.
     *
     * @param device where the parameters live
     */
    public ParameterSet(Device device) {
        this.manager = NDManager.newBaseManager(device);
    }

    /** The manager that owns the parameters; long-lived, never use it for activations. */
    public NDManager manager() {
        return manager;
    }

    /** The device the parameters live on. */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Adds a parameter.
     *
     * @param name unique name
     * @param shape its shape
     * @param values initial values, row-major, {@code shape.size()} of them
     * @param trainable whether it requires a gradient
     * @param segments channel segments per axis, or null
     * @return the array
     */
    public NDArray add(String name, Shape shape, float[] values, boolean trainable, int[][] segments) {
        if (parameters.containsKey(name)) {
            throw new IllegalArgumentException("Duplicate parameter name: " + name);
        }
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(
                    name + ": " + values.length + " values for shape " + shape);
        }
        NDArray array;
        try (NDArray borrowed = manager.create(values, shape)) {
            // create() wraps a Java direct buffer (torch::from_blob); a clone owns its memory
            array = borrowed.duplicate();
        }
        array.setName(name);
        if (trainable) {
            array.setRequiresGradient(true);
        }
        parameters.put(name, new Parameter(name, array, trainable, segments));
        return array;
    }

    /** Every parameter in creation order. */
    public List<Parameter> all() {
        return Collections.unmodifiableList(new ArrayList<>(parameters.values()));
    }

    /** The trainable parameters in creation order. */
    public List<Parameter> trainable() {
        return all().stream().filter(Parameter::trainable).toList();
    }

    /** The parameter with this name, or null. */
    public Parameter get(String name) {
        return parameters.get(name);
    }

    /** Number of scalar values, trainable or all. */
    public long count(boolean trainableOnly) {
        return parameters.values().stream()
                .filter(p -> !trainableOnly || p.trainable())
                .mapToLong(Parameter::size)
                .sum();
    }

    /**
     * Copies values into an existing parameter (used when loading a checkpoint).
     *
     * @param name the parameter
     * @param values row-major values of the parameter's shape
     */
    public void set(String name, float[] values) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("No parameter named " + name);
        }
        if (p.size() != values.length) {
            throw new IllegalArgumentException(
                    name + ": expected " + p.size() + " values, got " + values.length);
        }
        try (NDManager tmp = manager.newSubManager()) {
            p.array().set(tmp.create(values, p.array().getShape()).toByteBuffer());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
