package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.uniconbench.baselines.cost.Precision;
import org.uniconbench.harness.estimate.ArmEstimates;
import org.uniconbench.harness.estimate.EstimateReport;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.run.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code unicon estimate EXPERIMENT.yaml}: each arm's predicted training cost from the cost model,
 * without building or training anything, and the ratios to the reference arm beside the paper's.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Predict each arm's training cost (parameters; bytes of weights, gradients, Adam state and "
                + "activations; forward and backward FLOPs) without training, and the UniCon/ControlNet ratios "
                + "beside the paper's. EXPERIMENT is a file, or the name of a preset in experiments/presets.")
final class EstimateCommand implements Callable<Integer> {

    /** Where preset names are looked up. */
    static final Path PRESETS = Path.of("experiments", "presets");

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "experiment file, or a preset name")
    String file;

    @Option(names = "--json", description = "print JSON instead of the table")
    boolean json;

    @Option(names = "--batch", paramLabel = "N", description = "samples per step (default: training.batch_size)")
    Integer batch;

    @Option(names = "--resolution", paramLabel = "R", description = "image or latent side (default: dataset.resolution)")
    Integer resolution;

    @Option(names = "--precision", paramLabel = "P", description = "fp32 or bf16 (default: estimate.precision)")
    String precision;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Precision p = null;
        if (precision != null) {
            try {
                p = Precision.parse(precision);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--precision " + precision + " is not known; allowed: fp32, bf16");
            }
        }
        Path path = resolve(file);
        Experiment e = ExperimentLoader.load(path);
        ArmEstimates estimates = ArmEstimates.of(e, batch, resolution, p);
        var out = spec.commandLine().getOut();
        if (json) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(EstimateReport.toMap(estimates)));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        } else {
            EstimateReport.print(estimates, path.toString(), out);
        }
        return Main.OK;
    }

    /** A file as given, else a preset of that name; neither is bad input listing the presets. */
    static Path resolve(String name) {
        Path given = Path.of(name);
        if (Files.exists(given) || name.endsWith(".yaml") || name.endsWith(".yml")) {
            return given;
        }
        Path preset = PRESETS.resolve(name + ".yaml");
        if (Files.exists(preset)) {
            return preset;
        }
        String known;
        try (Stream<Path> files = Files.list(PRESETS)) {
            known = String.join(", ", files.map(f -> f.getFileName().toString().replaceFirst("\\.yaml$", ""))
                    .sorted().toList());
        } catch (IOException ex) {
            known = "(none: " + PRESETS + " is not readable here)";
        }
        throw new BadInputException("unknown preset '" + name + "' and no such file; allowed: an experiment file or "
                + "one of the presets in " + PRESETS + ": " + known);
    }
}
