package org.uniconbench.harness.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One experiment file, resolved: every default filled in and every value checked.
 *
 * <p>Instances come from {@link ExperimentLoader}, which validates everything once; the records
 * themselves only copy lists and reject nulls. {@link ExperimentWriter} writes one back as YAML.
 *
 * @param name        experiment name, {@code [A-Za-z0-9._-]{1,64}}; names the run folders
 * @param description free text, empty when not given
 * @param seeds       1 to 32 distinct non-negative seeds; each arm is trained once per seed
 * @param device      where to run
 * @param output      folder for run folders, as written (relative paths resolve at run time)
 * @param dataset     the images
 * @param condition   how control images are derived from them
 * @param backbone    the frozen diffusion backbone and how it is pretrained
 * @param diffusion   the noise schedule
 * @param arms        1 to 16 adapters to compare, names unique
 * @param training    adapter training settings shared by all arms
 * @param budget      what the arms are made equal in (steps, time, parameters or memory)
 * @param evaluation  sampling settings for evaluation
 * @param estimate    how {@code unicon estimate} prices the arms; whether the file is for estimates only
 * @param executor    where arm processes run (local, or Slurm jobs)
 */
public record Experiment(
        String name,
        String description,
        List<Integer> seeds,
        DeviceChoice device,
        String output,
        DatasetSpec dataset,
        ConditionSpec condition,
        BackboneSpec backbone,
        DiffusionSpec diffusion,
        List<ArmSpec> arms,
        TrainingSpec training,
        BudgetSpec budget,
        EvaluationSpec evaluation,
        EstimateSpec estimate,
        ExecutorSpec executor) {

    /** An experiment with the default estimate block (trainable, priced in fp32) whose arm processes run on this machine. */
    public Experiment(String name, String description, List<Integer> seeds, DeviceChoice device, String output,
            DatasetSpec dataset, ConditionSpec condition, BackboneSpec backbone, DiffusionSpec diffusion,
            List<ArmSpec> arms, TrainingSpec training, BudgetSpec budget, EvaluationSpec evaluation) {
        this(name, description, seeds, device, output, dataset, condition, backbone, diffusion, arms, training,
                budget, evaluation, EstimateSpec.DEFAULT, ExecutorSpec.LOCAL);
    }

    /** Copies the lists (unmodifiable) and rejects nulls. */
    public Experiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        seeds = List.copyOf(seeds);
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(diffusion, "diffusion");
        arms = List.copyOf(arms);
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(executor, "executor");
    }

    /** The same experiment with another executor (the command line's --executor). */
    public Experiment withExecutor(ExecutorSpec other) {
        return new Experiment(name, description, seeds, device, output, dataset, condition, backbone,
                diffusion, arms, training, budget, evaluation, estimate, other);
    }

    /** The same experiment writing its runs under another folder (the command line's --output). */
    public Experiment withOutput(String folder) {
        return new Experiment(name, description, seeds, device, folder, dataset, condition, backbone,
                diffusion, arms, training, budget, evaluation, estimate, executor);
    }

    /**
     * The same experiment with widths a budget chose: each named arm takes its width, and the
     * budget records them (in arm order) so that writing and loading this experiment again
     * reproduces them without a new search.
     *
     * @param chosen width by arm name; every name must be an arm whose width the budget chooses
     * @return the experiment with those widths
     */
    public Experiment withChosenWidths(Map<String, Double> chosen) {
        for (String armName : chosen.keySet()) {
            ArmSpec arm = arm(armName);
            if (arm == null || !budget.choosesWidth(arm)) {
                throw new IllegalArgumentException("the " + budget.mode().yamlName() + " budget of " + name
                        + " does not choose the width of an arm named " + armName);
            }
        }
        List<ArmSpec> resolved = new ArrayList<>();
        Map<String, Double> inArmOrder = new LinkedHashMap<>();
        for (ArmSpec arm : arms) {
            Double width = chosen.getOrDefault(arm.name(), budget.widths().get(arm.name()));
            resolved.add(width == null ? arm : arm.withWidth(width));
            if (width != null) {
                inArmOrder.put(arm.name(), width);
            }
        }
        BudgetSpec pinned = budget.withWidths(inArmOrder);
        return new Experiment(name, description, seeds, device, output, dataset, condition, backbone,
                diffusion, resolved, training, pinned, evaluation, estimate, executor);
    }

    /**
     * This experiment with the {@code budget.cap_from} arm's measured peak pinned as the memory cap,
     * so that writing and loading it again reproduces the cap without measuring.
     *
     * @param bytes the measured peak training memory of the {@code cap_from} arm
     * @return the experiment with that cap
     */
    public Experiment withMeasuredCap(long bytes) {
        return new Experiment(name, description, seeds, device, output, dataset, condition, backbone,
                diffusion, arms, training, budget.withCapBytes(bytes), evaluation, estimate, executor);
    }

    /** The arm with this name, or {@code null}. */
    public ArmSpec arm(String armName) {
        for (ArmSpec arm : arms) {
            if (arm.name().equals(armName)) {
                return arm;
            }
        }
        return null;
    }
}
