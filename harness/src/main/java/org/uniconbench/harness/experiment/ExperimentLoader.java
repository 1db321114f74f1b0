package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.data.ConditionKind;
import org.uniconbench.baselines.data.DatasetKind;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads experiment files into {@link Experiment} records, checking every value in this one place.
 *
 * <p>The whole schema, with its defaults, allowed ranges and cross-field rules, is the body of this
 * class, read top to bottom in file order. Problems are collected rather than thrown one at a time:
 * an {@link ExperimentException} lists all problems of the file, one per line, each naming the file,
 * the 1-based line, the path ({@code arms[1].adapter.width}), the value and what is allowed.
 */
public final class ExperimentLoader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final List<String> TOP_KEYS = List.of("name", "description", "seeds", "device", "output",
            "dataset", "condition", "backbone", "diffusion", "arms", "training", "budget", "evaluation", "estimate",
            "executor");
    private static final List<String> ESTIMATE_KEYS = List.of("only", "precision");
    private static final List<String> DATASET_KEYS = List.of("kind", "resolution", "train_size", "eval_size", "path");
    private static final List<String> CONDITION_KEYS = List.of("kind", "canny_low", "canny_high", "blur_radius",
            "factor");
    private static final List<String> BACKBONE_KEYS = List.of("kind", "channels", "res_blocks", "groups", "patch",
            "hidden", "depth", "heads", "mlp_ratio", "long_skips", "conv_mlp", "checkpoint", "pretrain");
    private static final List<String> UNET_ONLY_KEYS = List.of("channels", "res_blocks", "groups");
    private static final List<String> DIT_ONLY_KEYS = List.of("patch", "hidden", "depth", "heads", "mlp_ratio",
            "long_skips", "conv_mlp");
    private static final List<String> DIFFUSION_KEYS = List.of("timesteps", "beta_start", "beta_end");
    private static final List<String> TRAINING_KEYS = List.of("steps", "batch_size", "learning_rate", "log_every",
            "lr_search");
    private static final List<String> BUDGET_KEYS = List.of("mode", "seconds", "memory_mb", "cap_from", "cap_bytes",
            "widths");
    private static final List<String> EVALUATION_KEYS = List.of("samples", "sampler_steps", "memory_passes",
            "timing_passes", "interval", "quality_gate_multiple", "curve");

    private static final int MAX_SEEDS = 32;
    private static final int MAX_LEVELS = 4;
    private static final int MAX_STEPS = 10_000_000;
    private static final int DEFAULT_STEPS = 400;

    private ExperimentLoader() {
    }

    /**
     * Reads and checks an experiment file (UTF-8 YAML).
     *
     * @throws ExperimentException when the file is missing or unreadable, or any value is not allowed
     */
    public static Experiment load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "experiment file not found: " + file.toAbsolutePath(), e);
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "experiment file is not UTF-8 text: " + file.toAbsolutePath(), e);
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "is a folder, not a file" : "cannot be read (" + e + ")";
            throw fileProblem(file, "experiment file " + file.toAbsolutePath() + " " + why, e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses and checks experiment YAML.
     *
     * @param yamlText   the document
     * @param sourceName what to call it in messages, usually the file name
     * @throws ExperimentException listing every problem of the document
     */
    public static Experiment parse(String yamlText, String sourceName) {
        Node root;
        try {
            root = new Yaml(loaderOptions()).compose(new StringReader(yamlText));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? e.getContext() + ", " : "";
            throw new ExperimentException(new ExperimentException.Problem(sourceName, line, "",
                    "not valid YAML: " + context + problem + "; allowed: one YAML document holding a mapping of keys"),
                    e);
        } catch (YAMLException e) {
            throw new ExperimentException(new ExperimentException.Problem(sourceName, 0, "",
                    "not valid YAML: " + e.getMessage() + "; allowed: one YAML document holding a mapping of keys"), e);
        }
        Problems problems = new Problems(sourceName);
        if (root == null || Problems.show(root).equals("null")) {
            problems.add("", 1, "the file is empty; allowed: a mapping with at least 'name' and 'arms'");
        } else if (!(root instanceof MappingNode)) {
            problems.add("", Problems.line(root), "the file must be a mapping of keys, found " + Problems.show(root)
                    + "; allowed keys: " + String.join(", ", TOP_KEYS));
        }
        problems.throwIfAny();
        Experiment experiment = read(new MappingReader(problems, "", root, 1, TOP_KEYS), problems);
        problems.throwIfAny();
        return experiment;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    private static ExperimentException fileProblem(Path file, String message, Exception cause) {
        return new ExperimentException(new ExperimentException.Problem(file.toString(), 0, "", message), cause);
    }

    // ---- the schema, in file order ----

    private static Experiment read(MappingReader top, Problems p) {
        String name = "";
        if (top.require("name", "a name matching " + NAME.pattern())) {
            name = text(top, "name", NAME, "1 to 64 characters from A-Z a-z 0-9 . _ -", p);
        }
        String description = top.optionalText("description", "free text");
        // a claim experiment (evaluation.interval: t) changes the defaults of seeds, eval_size and samples
        MappingReader evaluationBlock = top.section("evaluation", EVALUATION_KEYS);
        IntervalChoice interval = evaluationBlock.optionalChoice("interval", IntervalChoice.values(),
                IntervalChoice::yamlName);
        boolean claimExperiment = interval == IntervalChoice.T;
        List<Integer> seeds = seeds(top, p, claimExperiment ? ClaimDefaults.SEEDS : List.of(0));
        DeviceChoice device = top.choice("device", DeviceChoice.AUTO, DeviceChoice.values(), DeviceChoice::yamlName);
        String output = top.node("output") != null ? text(top, "output", null, "a folder path", p) : "runs";

        EstimateSpec estimate = estimate(top.section("estimate", ESTIMATE_KEYS));
        DatasetSpec dataset = dataset(top.section("dataset", DATASET_KEYS), p,
                claimExperiment ? ClaimDefaults.evalSize(seeds.size()) : 16);
        ConditionSpec condition = condition(top.section("condition", CONDITION_KEYS), dataset, p);
        BackboneSpec backbone = backbone(top.section("backbone", BACKBONE_KEYS), p, estimate.only());
        checkResolutionFitsLevels(dataset, backbone, p);
        DiffusionSpec diffusion = diffusion(top.section("diffusion", DIFFUSION_KEYS), p);
        List<ArmSpec> arms = ArmsReader.read(top, backbone, p);
        MappingReader budgetBlock = top.section("budget", BUDGET_KEYS);
        BudgetMode mode = budgetBlock.choice("mode", BudgetMode.STEPS, BudgetMode.values(), BudgetMode::yamlName);
        // under a time budget the time decides; training.steps, when written, is an upper bound
        TrainingSpec training = training(top.section("training", TRAINING_KEYS),
                mode == BudgetMode.TIME ? MAX_STEPS : DEFAULT_STEPS, seeds, p);
        BudgetSpec budget = BudgetReader.read(budgetBlock, mode, arms, p);
        EvaluationSpec evaluation = ClaimDefaults.intervals(evaluationBlock, interval, seeds, top, p,
                evaluation(evaluationBlock, dataset, diffusion, p,
                        claimExperiment ? EvaluationSpec.CLAIM_SAMPLES : 16));
        evaluation = evaluation.withCurve(CurveReader.read(evaluationBlock, evaluation, dataset, diffusion, p))
                .withTimingPasses(evaluationBlock.integer("timing_passes", 0, 0, EvaluationSpec.MAX_TIMING_PASSES));
        ExecutorSpec executor = ExecutorReader.read(top.section("executor", ExecutorReader.KEYS), p);
        PretrainReader.checkGateSamples(backbone, evaluation, top.line(), p);

        p.throwIfAny(); // the parts above may hold placeholders where a value was wrong
        List<ArmSpec> resolvedArms = arms.stream().map(a -> budget.widths().containsKey(a.name())
                ? a.withWidth(budget.widths().get(a.name())) : a).toList();
        return new Experiment(name, description == null ? "" : description, seeds, device, output, dataset,
                condition, backbone, diffusion, resolvedArms, training, budget, evaluation, estimate, executor);
    }

    /** The estimate block: estimate-only files may describe models at the paper's scale. */
    private static EstimateSpec estimate(MappingReader m) {
        return new EstimateSpec(m.bool("only", false),
                m.choice("precision", org.uniconbench.baselines.cost.Precision.FP32,
                        org.uniconbench.baselines.cost.Precision.values(),
                        org.uniconbench.baselines.cost.Precision::key));
    }

    private static List<Integer> seeds(MappingReader top, Problems p, List<Integer> fallback) {
        String allowed = "a list of 1 to " + MAX_SEEDS + " distinct non-negative integers";
        Node seedsNode = top.node("seeds");
        String hint = seedsNode instanceof ScalarNode
                ? "write seeds: [" + Problems.show(seedsNode) + "]" : "for example seeds: [0, 1, 2]";
        List<Node> items = top.list("seeds", allowed, hint);
        if (items == null) {
            return fallback;
        }
        String path = top.child("seeds");
        if (items.isEmpty() || items.size() > MAX_SEEDS) {
            p.add(path, Problems.line(seedsNode), path + " has " + items.size() + " seeds; allowed: " + allowed);
        }
        List<Integer> seeds = new ArrayList<>();
        Map<Integer, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            Integer seed = p.integer(itemPath, items.get(i), 0, Integer.MAX_VALUE);
            if (seed == null) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(seed, i);
            if (earlier != null) {
                p.add(itemPath, Problems.line(items.get(i)), itemPath + " = " + seed + " repeats " + path + "["
                        + earlier + "]; allowed: " + allowed);
            }
            seeds.add(seed);
        }
        return seeds;
    }

    private static DatasetSpec dataset(MappingReader m, Problems p, int evalSizeDefault) {
        DatasetKind kind = m.choice("kind", DatasetKind.SHAPES, DatasetKind.values(), DatasetKind::yamlName);
        int resolution = m.integer("resolution", 32, 8, 256);
        int trainSize = m.integer("train_size", 2048, 16, 1_000_000);
        int evalSize = m.integer("eval_size", evalSizeDefault, 1, 10_000);
        String path = null;
        if (p.ok(m.child("kind"))) {
            if (kind == DatasetKind.FASHION_MNIST) {
                path = optionalPath(m, "path", "a folder with the Fashion-MNIST gz IDX files, or null for "
                        + DatasetSpec.DEFAULT_FASHION_MNIST_PATH, p);
            } else {
                m.notApplicable("path", "shapes are generated in memory; path only applies to kind fashion-mnist");
            }
        }
        return new DatasetSpec(kind, resolution, trainSize, evalSize, path);
    }

    private static ConditionSpec condition(MappingReader m, DatasetSpec dataset, Problems p) {
        ConditionKind kind = m.choice("kind", ConditionKind.CANNY, ConditionKind.values(), ConditionKind::yamlName);
        double low = 0.1;
        double high = 0.2;
        int blurRadius = 2; // with 0.1 / 0.2: kornia.filters.canny's defaults, ControlNet++'s evaluator
        int factor = 4;
        if (!p.ok(m.child("kind"))) {
            return new ConditionSpec(kind, low, high, blurRadius, factor);
        }
        if (kind == ConditionKind.CANNY) {
            low = m.number("canny_low", low, Interval.open(0, ConditionSpec.MAX_CANNY_THRESHOLD));
            high = m.number("canny_high", high, Interval.openClosed(0, ConditionSpec.MAX_CANNY_THRESHOLD));
            blurRadius = m.integer("blur_radius", blurRadius, 0, 5);
            m.notApplicable("factor", "factor only applies to kind downsample, and condition.kind is canny");
            String lowPath = m.child("canny_low");
            String highPath = m.child("canny_high");
            if (p.ok(lowPath, highPath) && high <= low) {
                p.add(highPath, p.lineOf(m.line(), highPath, lowPath), highPath + " = " + Interval.plain(high)
                        + " is not above " + lowPath + " = " + Interval.plain(low) + "; allowed: "
                        + new Interval(low, true, ConditionSpec.MAX_CANNY_THRESHOLD, false).describe());
            }
        } else {
            if (kind == ConditionKind.DOWNSAMPLE) {
                factor = m.integerOneOf("factor", factor, 2, 4, 8);
            } else {
                m.notApplicable("factor", "factor only applies to kind downsample, and condition.kind is "
                        + kind.yamlName());
            }
            String why = " only applies to kind canny, and condition.kind is " + kind.yamlName();
            m.notApplicable("canny_low", "canny_low" + why);
            m.notApplicable("canny_high", "canny_high" + why);
            m.notApplicable("blur_radius", "blur_radius" + why);
        }
        String kindPath = m.child("kind");
        if (kind.needsScene() && p.ok("dataset.kind") && dataset.kind() != DatasetKind.SHAPES) {
            p.add(kindPath, p.lineOf(m.line(), kindPath, "dataset.kind"), kindPath + " = '" + kind.yamlName()
                    + "' needs exact masks and depth maps, which only the procedural dataset has, and dataset.kind is "
                    + dataset.kind().yamlName() + "; allowed: canny or downsample, or set dataset.kind: shapes");
        }
        return new ConditionSpec(kind, low, high, blurRadius, factor);
    }

    private static BackboneSpec backbone(MappingReader m, Problems p, boolean estimateOnly) {
        // widths a file that only `unicon estimate` prices may reach (PixArt-alpha's 1152, SD 1.5's 1280)
        int maxHidden = estimateOnly ? 4096 : 1024;
        int maxChannels = estimateOnly ? 2048 : 512;
        BackboneKind kind = m.choice("kind", BackboneKind.UNET, BackboneKind.values(), BackboneKind::yamlName);
        for (String key : kind == BackboneKind.DIT ? UNET_ONLY_KEYS : DIT_ONLY_KEYS) {
            if (m.has(key)) {
                String path = m.child(key);
                p.add(path, p.lineOf(m.line(), path), path + " does not apply to backbone kind " + kind.yamlName()
                        + "; allowed for " + kind.yamlName() + ": " + String.join(", ",
                                kind == BackboneKind.DIT ? DIT_ONLY_KEYS : UNET_ONLY_KEYS)
                        + " (remove " + key + ")");
            }
        }
        int heads = m.integer("heads", 4, 1, 16);
        int hidden = m.integer("hidden", 96, 8, maxHidden);
        if (p.ok(m.child("heads"), m.child("hidden")) && hidden % heads != 0) {
            String path = m.child("hidden");
            p.add(path, p.lineOf(m.line(), path), path + " = " + hidden + " is not divisible by " + m.child("heads")
                    + " = " + heads + "; allowed: a multiple of " + heads + " in 8.." + maxHidden);
        }
        DitSpec dit = new DitSpec(m.integer("patch", 4, 1, 16), hidden, m.integer("depth", 6, 2, 32), heads,
                m.integer("mlp_ratio", 2, 1, 8), m.bool("long_skips", false), m.bool("conv_mlp", false));
        int resBlocks = m.integer("res_blocks", 1, 1, 4);
        int groups = m.integer("groups", 8, 1, 64);
        boolean groupsOk = p.ok(m.child("groups"));
        List<Integer> channels = new ArrayList<>(List.of(32, 64, 64));
        String path = m.child("channels");
        String allowed = "a list of 1 to " + MAX_LEVELS + " integers, each in 8.." + maxChannels + " and divisible by "
                + (groupsOk ? m.child("groups") + " = " + groups : m.child("groups"));
        List<Node> items = m.list("channels", allowed, "for example channels: [32, 64, 64]");
        if (items != null) {
            channels.clear();
            if (items.isEmpty() || items.size() > MAX_LEVELS) {
                p.add(path, p.lineOf(m.line(), path), path + " has " + items.size() + " levels; allowed: " + allowed);
            }
            for (int i = 0; i < items.size(); i++) {
                String itemPath = path + "[" + i + "]";
                Integer c = p.integer(itemPath, items.get(i), 8, maxChannels);
                if (c == null) {
                    continue;
                }
                if (groupsOk && c % groups != 0) {
                    p.add(itemPath, Problems.line(items.get(i)), itemPath + " = " + c + " is not divisible by "
                            + m.child("groups") + " = " + groups + "; allowed: a multiple of " + groups + " in 8.."
                            + maxChannels);
                }
                channels.add(c);
            }
        }
        String checkpoint = optionalPath(m, "checkpoint", "a backbone checkpoint file, or null to pretrain", p);
        PretrainSpec pretrain = PretrainReader.read(m.section("pretrain", PretrainReader.KEYS));
        PretrainReader.checkCooldown(pretrain, p.lineOf(m.line(), "backbone.pretrain.cooldown_steps"), p);
        return new BackboneSpec(kind, channels, resBlocks, groups, dit, checkpoint, pretrain);
    }

    /** Each level below the first halves the image, so the side must divide by 2^(levels - 1). */
    private static void checkResolutionFitsLevels(DatasetSpec dataset, BackboneSpec backbone, Problems p) {
        String resolutionPath = "dataset.resolution";
        String channelsPath = "backbone.channels";
        if (backbone.kind() == BackboneKind.DIT) {
            String patchPath = "backbone.patch";
            if (p.ok(resolutionPath, patchPath) && dataset.resolution() % backbone.dit().patch() != 0) {
                p.add(patchPath, p.lineOf(1, patchPath, resolutionPath), patchPath + " = " + backbone.dit().patch()
                        + " does not divide " + resolutionPath + " = " + dataset.resolution()
                        + "; allowed: a divisor of the resolution in 1..16");
            }
            return;
        }
        if (!p.ok(resolutionPath, channelsPath) || backbone.channels().isEmpty()) {
            return;
        }
        int levels = backbone.levels();
        int divisor = 1 << (levels - 1);
        int resolution = dataset.resolution();
        if (resolution % divisor == 0) {
            return;
        }
        int below = resolution / divisor * divisor;
        int above = below + divisor;
        List<String> examples = new ArrayList<>();
        if (below >= 8) {
            examples.add(Integer.toString(below));
        }
        if (above <= 256) {
            examples.add(Integer.toString(above));
        }
        p.add(resolutionPath, p.lineOf(1, resolutionPath, channelsPath), resolutionPath + " = " + resolution
                + " is not divisible by " + divisor + ", which " + channelsPath + " = " + backbone.channels()
                + " needs (" + levels + " levels, each below the first halves the image); allowed: a multiple of "
                + divisor + " in 8..256" + (examples.isEmpty() ? "" : " such as " + String.join(" or ", examples)));
    }

    private static DiffusionSpec diffusion(MappingReader m, Problems p) {
        int timesteps = m.integer("timesteps", 1000, 10, 10_000);
        double betaStart = m.number("beta_start", 1e-4, Interval.open(0, 1));
        double betaEnd = m.number("beta_end", 0.02, Interval.open(0, 1));
        String startPath = m.child("beta_start");
        String endPath = m.child("beta_end");
        if (p.ok(startPath, endPath) && betaEnd <= betaStart) {
            p.add(endPath, p.lineOf(m.line(), endPath, startPath), endPath + " = " + Interval.plain(betaEnd)
                    + " is not above " + startPath + " = " + Interval.plain(betaStart) + "; allowed: "
                    + new Interval(betaStart, true, 1, true).describe());
        }
        return new DiffusionSpec(timesteps, betaStart, betaEnd);
    }

    private static TrainingSpec training(MappingReader m, int defaultSteps, List<Integer> seeds, Problems p) {
        return new TrainingSpec(
                m.integer("steps", defaultSteps, 1, MAX_STEPS),
                m.integer("batch_size", 16, 1, 4096),
                m.number("learning_rate", 1e-4, Interval.openClosed(0, 1)),
                m.integer("log_every", 10, 1, 1_000_000),
                LrSearchSpec.read(m, seeds, p));
    }

    /**
     * Both limits come from other blocks; a default above its limit is lowered to it, a written
     * value above it is a problem naming both paths.
     */
    private static EvaluationSpec evaluation(MappingReader m, DatasetSpec dataset, DiffusionSpec diffusion, Problems p,
            int samplesDefault) {
        String evalSizePath = "dataset.eval_size";
        boolean evalSizeOk = p.ok(evalSizePath);
        int samples = m.integer("samples", evalSizeOk ? Math.min(samplesDefault, dataset.evalSize()) : samplesDefault,
                1, 10_000);
        String samplesPath = m.child("samples");
        if (evalSizeOk && p.ok(samplesPath) && samples > dataset.evalSize()) {
            p.add(samplesPath, p.lineOf(m.line(), samplesPath, evalSizePath), samplesPath + " = " + samples
                    + " is more than " + evalSizePath + " = " + dataset.evalSize() + "; allowed: an integer in 1.."
                    + dataset.evalSize() + ", or raise " + evalSizePath);
        }
        boolean timestepsOk = p.ok("diffusion.timesteps");
        int maxSteps = timestepsOk ? diffusion.timesteps() : 10_000;
        int samplerSteps = m.integer("sampler_steps", Math.min(25, maxSteps), 1, 10_000);
        String stepsPath = m.child("sampler_steps");
        if (timestepsOk && p.ok(stepsPath) && samplerSteps > maxSteps) {
            p.add(stepsPath, p.lineOf(m.line(), stepsPath, "diffusion.timesteps"), stepsPath + " = " + samplerSteps
                    + " is more than diffusion.timesteps = " + maxSteps + "; allowed: an integer in 1.." + maxSteps
                    + ", or raise diffusion.timesteps");
        }
        int memoryPasses = m.integer("memory_passes", EvaluationSpec.DEFAULT_MEMORY_PASSES, 0, 5);
        return new EvaluationSpec(samples, samplerSteps, memoryPasses);
    }

    // ---- small readers used above ----

    /** Required-when-present text matching {@code pattern} (any non-empty text when null). */
    static String text(MappingReader m, String key, Pattern pattern, String allowed, Problems p) {
        String path = m.child(key);
        Node node = m.node(key);
        String value = m.optionalText(key, allowed);
        if (!p.ok(path)) {
            return null;
        }
        if (value == null || value.isBlank()) {
            p.add(path, Problems.line(node), path + ": expected text, found " + (value == null ? "null" : "''")
                    + "; allowed: " + allowed);
            return null;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            p.add(path, Problems.line(node), path + " = '" + value + "' is not allowed; allowed: " + allowed);
            return null;
        }
        return value;
    }

    /** Optional path text: absent or null gives null; empty text is a problem. */
    private static String optionalPath(MappingReader m, String key, String allowed, Problems p) {
        String value = m.optionalText(key, allowed);
        if (value != null && value.isBlank()) {
            String path = m.child(key);
            p.add(path, p.lineOf(m.line(), path), path + ": expected a path, found ''; allowed: " + allowed);
            return null;
        }
        return value;
    }
}
