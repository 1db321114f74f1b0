package org.uniconbench.harness.cli;

import org.uniconbench.harness.experiment.ExecutorKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --executor local|slurm} by the names experiment files use. */
final class ExecutorKindConverter implements ITypeConverter<ExecutorKind> {

    @Override
    public ExecutorKind convert(String value) {
        for (ExecutorKind kind : ExecutorKind.values()) {
            if (kind.yamlName().equals(value)) {
                return kind;
            }
        }
        throw new TypeConversionException("'" + value + "' is not an executor; allowed: local, slurm");
    }
}
