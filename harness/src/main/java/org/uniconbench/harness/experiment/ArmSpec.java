package org.uniconbench.harness.experiment;

import java.util.Objects;

/**
 * One entry of {@code arms:}: an adapter trained and evaluated against the others.
 *
 * @param name    unique arm name, {@code [A-Za-z0-9._-]{1,40}}, not a reserved column name
 * @param method  ControlNet or UniCon
 * @param adapter adapter shape, defaults resolved
 */
public record ArmSpec(String name, Method method, AdapterSpec adapter) {

    /** Rejects nulls. */
    public ArmSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(adapter, "adapter");
    }

    /** The same arm with another adapter width (one a budget chose). */
    public ArmSpec withWidth(double width) {
        return new ArmSpec(name, method, adapter.withWidth(width));
    }
}
