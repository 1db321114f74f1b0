package org.uniconbench.reports;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes a small but complete run folder, the way the harness lays it out, for tests. */
final class FakeRun {
    static final int SAMPLES = 2;
    static final List<String> COLUMNS = List.of("condition", "target", "backbone", "controlnet", "unicon");
    static final String ERROR = "OutOfMemory: <alloc> failed & \"retry\" didn't help";

    private FakeRun() {
    }

    /** Creates a run with a backbone row, two completed arms and one failed arm. */
    static Path write(Path dir) {
        try {
            Files.writeString(dir.resolve("experiment.yaml"),
                    "name: quickstart\nnote: \"<b>not bold</b>\"\narms:\n  - controlnet\n  - unicon\n");
            Files.writeString(dir.resolve("provenance.json"), """
                    {"gitCommit":"abc123","gitDirty":"false","javaVersion":"17.0.15","djlVersion":"0.36.0",
                     "engine":"PyTorch","os":"Linux 6.1 amd64","cores":"2","device":"cpu()",
                     "startedAt":"2026-11-25T17:00:00Z","finishedAt":"2026-11-25T17:02:05Z",
                     "command":"unicon run experiments/quickstart.yaml"}
                    """);
            Files.writeString(dir.resolve("summary.json"), """
                    {"experiment":"quickstart","description":"ControlNet vs UniCon, tiny","status":"partial",
                     "realVsReal":{"fdClassifier":0.0421,"kidClassifier":0.00123,"kidClassifierStd":0.0004,
                      "fdRandom":0.0077,"kidRandom":-0.0002,"kidRandomStd":0.0003,"featureN":16,"kidSubsetSize":8},
                     "arms":[
                     {"name":"backbone","method":"none","seed":0,"status":"completed","error":null,
                      "width":null,"depth":null,"connector":null,"trainableParams":null,"frozenParams":456789,
                      "totalParams":456789,"steps":null,"batchSize":null,"trainSeconds":null,"medianStepMs":null,
                      "p10StepMs":null,"p90StepMs":null,"imagesPerSecond":null,"peakMemoryBytes":null,
                      "memoryMethod":null,"finalLoss":null,"ssim":0.21,"psnr":11.5,"edgeF1":0.12,
                      "fdClassifier":3.25,"kidClassifier":0.25,"kidClassifierStd":0.031,"fdRandom":0.5,
                      "kidRandom":0.02,"kidRandomStd":0.004,"featureN":16},
                     {"name":"controlnet","method":"controlnet","seed":0,"status":"completed","error":null,
                      "width":1.0,"depth":1,"connector":"zero-conv","trainableParams":1234567,"frozenParams":456789,
                      "totalParams":1691356,"steps":400,"batchSize":16,"trainSeconds":61.2,"medianStepMs":120.5,
                      "p10StepMs":110.0,"p90StepMs":140.0,"imagesPerSecond":130.2,"peakMemoryBytes":123456789,
                      "memoryMethod":"JVM heap + DJL native bytes, sampled every step","finalLoss":0.05,
                      "ssim":0.6123,"psnr":17.2,"edgeF1":0.42,"maskIou":null,"depthRmse":null,"learningRate":0.0001,
                      "fdClassifier":1.875,"kidClassifier":0.0625,"kidClassifierStd":0.0125,"fdRandom":0.1234,
                      "kidRandom":0.0111,"kidRandomStd":0.0022,"featureN":16},
                     {"name":"unicon","method":"unicon","seed":0,"status":"completed","error":null,
                      "width":0.5,"depth":2,"connector":"one-way","trainableParams":654321,"frozenParams":456789,
                      "totalParams":1111110,"steps":400,"batchSize":16,"trainSeconds":40.0,"medianStepMs":80.25,
                      "p10StepMs":75.0,"p90StepMs":95.0,"imagesPerSecond":199.6,"peakMemoryBytes":67108864,
                      "memoryMethod":"JVM heap + DJL native bytes, sampled every step","finalLoss":0.0123456,
                      "ssim":0.655,"psnr":18.04,"edgeF1":0.51,"learningRate":0.001,
                      "lrSearch":{"rates":[0.0003,0.001],"steps":800,"chosen":0.001,"seed":1000}},
                     {"name":"unicon-wide","method":"unicon","seed":1,"status":"failed","error":%s,
                      "width":4.0,"depth":2,"connector":"one-way","trainableParams":9999999,"frozenParams":456789,
                      "totalParams":10456788,"steps":12,"batchSize":16,"trainSeconds":null,"medianStepMs":null,
                      "p10StepMs":null,"p90StepMs":null,"imagesPerSecond":null,"peakMemoryBytes":null,
                      "memoryMethod":null,"finalLoss":null,"ssim":null,"psnr":null,"edgeF1":null}
                    ]}
                    """.formatted(jsonString(ERROR)));
            metrics(dir, "controlnet", 1.0, 0.05);
            metrics(dir, "unicon", 0.9, 0.0123456);
            Files.createDirectories(dir.resolve("samples"));
            StringBuilder cols = new StringBuilder();
            for (String c : COLUMNS) {
                cols.append(cols.length() == 0 ? "" : ",").append('"').append(c).append('"');
                Files.createDirectories(dir.resolve("samples").resolve(c));
                for (int i = 0; i < SAMPLES; i++) {
                    png(dir.resolve("samples").resolve(c).resolve(String.format("%03d.png", i)), i + c.length());
                }
            }
            Files.writeString(dir.resolve("samples/index.json"),
                    "{\"count\":" + SAMPLES + ",\"columns\":[" + cols + "]}");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Arms of {@link #writeMultiSeed}, in order (after the backbone row). */
    static final List<String> MULTI_ARMS = List.of("controlnet", "unicon-half", "unicon-full");
    static final String CLAIM_MEMORY = "At equal adapter size, UniCon trains with about a third less memory";
    static final String CLAIM_SPEED = "At equal adapter size, UniCon trains about 2.3x faster";
    static final String CLAIM_QUALITY = "With twice the parameters, UniCon controls better (SSIM)";

    /**
     * Creates a run as the harness writes it with several seeds: per-seed rows with the step-time and
     * memory parts, aggregates, comparisons to ControlNet, three claims (one per verdict), loss lines
     * tagged with their seed, and samples.
     */
    static Path writeMultiSeed(Path dir) {
        try {
            StringBuilder arms = new StringBuilder();
            arms.append("""
                    {"name":"backbone","method":"none","seed":0,"status":"completed","frozenParams":619697,
                     "ssim":0.124,"psnr":9.61,"edgeF1":0.087,"fdClassifier":6.86,"featureN":16}""");
            long[] trainable = {278432, 265465, 692321};
            double[] stepMs = {68.8, 86.4, 119.4};
            double[] ssim = {0.623, 0.117, 0.665};
            long[] peak = {576782336L, 402653184L, 452984832L};
            for (int a = 0; a < MULTI_ARMS.size(); a++) {
                for (int seed = 0; seed < 3; seed++) {
                    double jitter = 1 + 0.02 * (seed - 1);
                    long t = trainable[a];
                    arms.append(",\n").append(String.format(java.util.Locale.ROOT,
                            """
                                    {"name":"%s","method":"%s","seed":%d,"status":"completed","width":1.0,"depth":1,
                                     "connector":"zero-ft","trainableParams":%d,"frozenParams":619697,"steps":800,"batchSize":16,
                                     "medianStepMs":%.3f,"p10StepMs":%.3f,"p90StepMs":%.3f,"imagesPerSecond":%.3f,
                                     "medianForwardMs":%.3f,"medianBackwardMs":%.3f,"medianOptimizerMs":%.3f,"medianDataMs":0.35,
                                     "peakMemoryBytes":%d,"memoryMethod":"CPU: peak resident set minus resident set after building the model",
                                     "trainableWeightBytes":%d,"gradientBytes":%d,"optimizerStateBytes":%d,"frozenWeightBytes":%d,
                                     "finalLoss":0.0065,"ssim":%.4f,"psnr":15.9,"edgeF1":%.4f,"fdClassifier":%.3f,"featureN":16}""",
                            MULTI_ARMS.get(a), a == 0 ? "controlnet" : "unicon", seed, t, stepMs[a] * jitter,
                            stepMs[a] * 0.9,
                            stepMs[a] * 1.2, 16000 / (stepMs[a] * jitter), stepMs[a] * 0.4, stepMs[a] * 0.5,
                            stepMs[a] * 0.08,
                            Math.round(peak[a] * jitter), 4 * t, 4 * t, 8 * t, 4 * 619697L, ssim[a] * jitter,
                            ssim[a] * jitter,
                            3.0 + a));
                }
            }
            StringBuilder aggregates = new StringBuilder();
            for (int a = 0; a < MULTI_ARMS.size(); a++) {
                long t = trainable[a];
                aggregates.append(a == 0 ? "" : ",\n").append(String.format(java.util.Locale.ROOT, """
                        {"arm":"%s","method":"%s","n":3,"metrics":{
                          "ssim":{"mean":%.4f,"low":%.4f,"high":%.4f,"n":3},
                          "psnr":{"mean":15.9,"low":15.5,"high":16.2,"n":3},
                          "edgeF1":{"mean":%.4f,"low":%.4f,"high":%.4f,"n":3},
                          "peakMemoryBytes":{"mean":%d,"low":%d,"high":%d,"n":3},
                          "medianStepMs":{"mean":%.3f,"low":%.3f,"high":%.3f,"n":3},
                          "medianForwardMs":{"mean":%.3f,"low":null,"high":null,"n":3},
                          "medianBackwardMs":{"mean":%.3f,"low":%.3f,"high":%.3f,"n":3},
                          "medianOptimizerMs":{"mean":%.3f,"low":%.3f,"high":%.3f,"n":3},
                          "medianDataMs":{"mean":0.35,"low":0.3,"high":0.4,"n":3},
                          "imagesPerSecond":{"mean":%.3f,"low":%.3f,"high":%.3f,"n":3},
                          "trainableParams":{"mean":%d,"low":%d,"high":%d,"n":3},
                          "finalLoss":{"mean":0.0065,"low":0.006,"high":0.007,"n":3},
                          "fdClassifier":{"mean":%.3f,"low":%.3f,"high":%.3f,"n":3},
                          "kidClassifier":null,
                          "fdRandom":{"mean":null,"low":null,"high":null,"n":0},
                          "trainableWeightBytes":{"mean":%d,"low":%d,"high":%d,"n":3},
                          "gradientBytes":{"mean":%d,"low":%d,"high":%d,"n":3},
                          "optimizerStateBytes":{"mean":%d,"low":%d,"high":%d,"n":3},
                          "frozenWeightBytes":{"mean":%d,"low":%d,"high":%d,"n":3}}}""",
                        MULTI_ARMS.get(a), a == 0 ? "controlnet" : "unicon",
                        ssim[a], ssim[a] * 0.97, ssim[a] * 1.02, ssim[a], ssim[a] * 0.98, ssim[a] * 1.03,
                        peak[a], Math.round(peak[a] * 0.98), Math.round(peak[a] * 1.02),
                        stepMs[a], stepMs[a] * 0.98, stepMs[a] * 1.02, stepMs[a] * 0.4, stepMs[a] * 0.5,
                        stepMs[a] * 0.49,
                        stepMs[a] * 0.51, stepMs[a] * 0.08, stepMs[a] * 0.07, stepMs[a] * 0.09,
                        16000 / stepMs[a], 16000 / stepMs[a] * 0.98, 16000 / stepMs[a] * 1.02, t, t, t,
                        3.0 + a, 2.5 + a, 3.5 + a, 4 * t, 4 * t, 4 * t, 4 * t, 4 * t, 4 * t, 8 * t, 8 * t, 8 * t,
                        4 * 619697L, 4 * 619697L, 4 * 619697L));
            }
            String rule = "holds if the 95% interval of UniCon/ControlNet lies at or below 0.80; does not hold if it "
                    + "lies at or above 0.95; otherwise inconclusive; fewer than 3 seeds is always inconclusive";
            Files.writeString(dir.resolve("summary.json"),
                    """
                            {"experiment":"three-seeds","description":"ControlNet vs UniCon, three seeds","status":"completed",
                             "realVsReal":{"fdClassifier":2.15,"featureN":16},
                             "arms":[%s],
                             "aggregates":[%s],
                             "comparisons":[
                              {"arm":"unicon-half","reference":"controlnet","n":3,"ratios":{
                                "peakMemoryBytes":{"estimate":0.698,"low":0.65,"high":0.74,"n":3},
                                "medianStepMs":{"estimate":1.256,"low":1.2,"high":1.3,"n":3},
                                "trainableParams":{"estimate":0.953,"low":0.953,"high":0.953,"n":3},
                                "ssim":{"estimate":0.188,"low":0.15,"high":0.22,"n":3},
                                "edgeF1":null,
                                "psnr":{"estimate":null,"low":null,"high":null,"n":3}}},
                              {"arm":"unicon-full","reference":"controlnet","n":3,"ratios":{
                                "peakMemoryBytes":{"estimate":0.785,"low":0.74,"high":0.83,"n":3},
                                "ssim":{"estimate":1.067,"low":1.01,"high":1.12,"n":3}}}],
                             "claims":[
                              {"claim":"%s","paper":"0.67x ControlNet's memory","arm":"unicon-half","reference":"controlnet",
                               "metric":"peakMemoryBytes","estimate":0.71,"low":0.65,"high":0.78,"n":3,"verdict":"holds","rule":"%s"},
                              {"claim":"%s","paper":"0.43x ControlNet's step time","arm":"unicon-half","reference":"controlnet",
                               "metric":"medianStepMs","estimate":1.256,"low":1.2,"high":1.3,"n":3,"verdict":"does not hold",
                               "rule":"holds if the interval lies at or below 0.6; does not hold if at or above 0.9"},
                              {"claim":"%s","paper":"SSIM 0.47 -> 0.55 (1.16x)","arm":"unicon-full","reference":"controlnet",
                               "metric":"ssim","estimate":1.067,"low":0.98,"high":1.12,"n":3,"verdict":"inconclusive",
                               "rule":"holds if the interval lies at or above 1.05; does not hold if at or below 1.0",
                               "note":"learning rate chosen once per arm on tuning seed 1000 <one search>"}]}
                            """
                            .formatted(arms, aggregates, CLAIM_MEMORY, rule, CLAIM_SPEED, CLAIM_QUALITY));
            Files.writeString(dir.resolve("experiment.yaml"), "name: three-seeds\nseeds: [0, 1, 2]\n");
            for (int a = 0; a < MULTI_ARMS.size(); a++) {
                Path d = Files.createDirectories(dir.resolve("arms").resolve(MULTI_ARMS.get(a)));
                StringBuilder b = new StringBuilder();
                java.util.Random rng = new java.util.Random(a);
                for (int seed = 0; seed < 3; seed++) {
                    for (int step = 1; step <= 400; step++) {
                        double loss = (0.02 + 0.5 * Math.exp(-step / (60.0 + 20 * a))) * (1 + 0.05 * seed)
                                * Math.exp(0.3 * rng.nextGaussian());
                        b.append(String.format(java.util.Locale.ROOT,
                                "{\"step\":%d,\"loss\":%.6g,\"stepMs\":70.1,\"seed\":%d}%n",
                                step, loss, seed));
                    }
                }
                Files.writeString(d.resolve("metrics.jsonl"), b);
            }
            List<String> columns = List.of("condition", "target", "backbone", "controlnet", "unicon-half",
                    "unicon-full");
            Files.createDirectories(dir.resolve("samples"));
            StringBuilder cols = new StringBuilder();
            for (String c : columns) {
                cols.append(cols.length() == 0 ? "" : ",").append('"').append(c).append('"');
                Files.createDirectories(dir.resolve("samples").resolve(c));
                for (int i = 0; i < SAMPLES; i++) {
                    png(dir.resolve("samples").resolve(c).resolve(String.format("%03d.png", i)), i + c.length());
                }
            }
            Files.writeString(dir.resolve("samples/index.json"),
                    "{\"count\":" + SAMPLES + ",\"columns\":[" + cols + "]}");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a loss curve decaying from {@code first} to {@code last} over 40 logged steps. */
    static void metrics(Path dir, String arm, double first, double last) throws IOException {
        Path d = Files.createDirectories(dir.resolve("arms").resolve(arm));
        StringBuilder b = new StringBuilder();
        int n = 40;
        for (int i = 0; i < n; i++) {
            double loss = first * Math.pow(last / first, i / (double) (n - 1));
            b.append(String.format(java.util.Locale.ROOT, "{\"step\":%d,\"loss\":%.6g,\"stepMs\":51.2}%n", (i + 1) * 10,
                    loss));
        }
        Files.writeString(d.resolve("metrics.jsonl"), b);
    }

    /** A 16x16 grayscale gradient, different per seed. */
    static void png(Path file, int seed) throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int v = ((x + seed) * 16 + y * 7 * seed) & 0xff;
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
