package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.Method;
import java.util.Objects;

/**
 * One entry of {@code arms:}: an adapter trained and evaluated against the others.
 *
 * @param name    unique arm name, {@code [A-Za-z0-9._-]{1,40}}, not a reserved column name
 * @param adapter the adapter the model builds: method, scope, flow, width, depth, connector, defaults resolved
 * @param start   how its copied blocks start (slice, or slice then distil)
 */
public record ArmSpec(String name, AdapterSpec adapter, AdapterStart start) {

    /** Rejects nulls. */
    public ArmSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(start, "start");
    }

    /** ControlNet or UniCon. */
    public Method method() {
        return adapter.method();
    }

    /** The same arm with another adapter width (one a budget chose). */
    public ArmSpec withWidth(double width) {
        return new ArmSpec(name, new AdapterSpec(adapter.method(), adapter.scope(), adapter.flow(), width,
                adapter.depth(), adapter.connector()), start);
    }
}
