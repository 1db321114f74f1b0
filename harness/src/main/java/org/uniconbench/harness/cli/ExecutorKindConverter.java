package org.uniconbench.harness.cli;

import org.uniconbench.baselines.Spelled;
import org.uniconbench.harness.experiment.ExecutorKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --executor local|slurm} by the names experiment files use. */
final class ExecutorKindConverter implements ITypeConverter<ExecutorKind> {

    @Override
    public ExecutorKind convert(String value) {
        try {
            return Spelled.parse(ExecutorKind.class, value, "an executor");
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
