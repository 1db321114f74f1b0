package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.uniconbench.baselines.cost.Precision;
import org.uniconbench.harness.estimate.ArmEstimates;
import org.uniconbench.harness.estimate.EstimateReport;
import org.uniconbench.harness.estimate.MemoryAgreement;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.harness.budget.BudgetResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code unicon estimate EXPERIMENT.yaml}: each arm's predicted training cost from the cost model,
 * without building or training anything, and the ratios to the reference arm beside the paper's.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, description = "Predict each arm's training cost (parameters; bytes of weights, gradients, Adam state and "
        + "activations; forward and backward FLOPs) without training, and the UniCon/ControlNet ratios "
        + "beside the paper's. EXPERIMENT is a file, or the name of a preset in experiments/presets.")
final class EstimateCommand implements Callable<Integer> {

    /** Where preset names are looked up, below the working directory or the installation. */
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

    @Option(names = "--measure", description = "also run fresh-JVM memory passes of every arm (a few training "
            + "steps each, at the file's own settings) and print predicted beside measured memory")
    boolean measure;

    @Option(names = "--passes", paramLabel = "N", description = "memory passes per arm with --measure "
            + "(default: evaluation.memory_passes, at least 1)")
    Integer passes;

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
        if (!e.estimate().only()) {
            // a params budget chooses UniCon widths now (builds the models: seconds); memory waits for the run
            e = BudgetResolver.start(e, new java.io.PrintWriter(java.io.Writer.nullWriter())).experiment();
        }
        ArmEstimates estimates = ArmEstimates.of(e, batch, resolution, p);
        var out = spec.commandLine().getOut();
        List<MemoryAgreement.Row> measured = !measure ? List.of() : MemoryAgreement.measure(path, estimates,
                passes != null ? passes : Math.max(1, e.evaluation().memoryPasses()),
                json ? spec.commandLine().getErr() : out);
        if (json) {
            Map<String, Object> tree = EstimateReport.toMap(estimates);
            if (measure) {
                Map<String, Object> agreement = new LinkedHashMap<>();
                measured.forEach(r -> agreement.put(r.arm(), r.toMap()));
                tree.put("measured", agreement);
            }
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(tree));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        } else {
            EstimateReport.print(estimates, path.toString(), out);
            if (measure) {
                MemoryAgreement.print(measured, out);
            }
        }
        return Main.OK;
    }

    /** A file as given, else a preset of that name; neither is bad input listing the presets. */
    static Path resolve(String name) {
        Path given = Path.of(name);
        if (Files.exists(given) || name.endsWith(".yaml") || name.endsWith(".yml")) {
            return given;
        }
        Path presets = presetFolder();
        Path preset = presets.resolve(name + ".yaml");
        if (Files.exists(preset)) {
            return preset;
        }
        String known;
        try (Stream<Path> files = Files.list(presets)) {
            known = String.join(", ", files.map(f -> f.getFileName().toString().replaceFirst("\\.yaml$", ""))
                    .sorted().toList());
        } catch (IOException ex) {
            known = "(none: " + PRESETS + " is not readable here)";
        }
        throw new BadInputException("unknown preset '" + name + "' and no such file; allowed: an experiment file or "
                + "one of the presets in " + presets + ": " + known);
    }

    /** experiments/presets below the working directory, else below the folder the harness was built in. */
    private static Path presetFolder() {
        if (Files.isDirectory(PRESETS)) {
            return PRESETS;
        }
        try {
            // harness/target/harness.jar or harness/target/classes: the repository is three levels up
            Path here = Path.of(EstimateCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve(PRESETS))) {
                    return dir.resolve(PRESETS);
                }
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the relative folder, which the message then names
        }
        return PRESETS;
    }
}
