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

  private FakeRun() {}

  /** Creates a run with a backbone row, two completed arms and one failed arm. */
  static Path write(Path dir) {
    try {
      Files.writeString(dir.resolve("experiment.yaml"), "name: quickstart\nnote: \"<b>not bold</b>\"\narms:\n  - controlnet\n  - unicon\n");
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
            "ssim":0.6123,"psnr":17.2,"edgeF1":0.42,"maskIou":null,"depthRmse":null,
            "fdClassifier":1.875,"kidClassifier":0.0625,"kidClassifierStd":0.0125,"fdRandom":0.1234,
            "kidRandom":0.0111,"kidRandomStd":0.0022,"featureN":16},
           {"name":"unicon","method":"unicon","seed":0,"status":"completed","error":null,
            "width":0.5,"depth":2,"connector":"one-way","trainableParams":654321,"frozenParams":456789,
            "totalParams":1111110,"steps":400,"batchSize":16,"trainSeconds":40.0,"medianStepMs":80.25,
            "p10StepMs":75.0,"p90StepMs":95.0,"imagesPerSecond":199.6,"peakMemoryBytes":67108864,
            "memoryMethod":"JVM heap + DJL native bytes, sampled every step","finalLoss":0.0123456,
            "ssim":0.655,"psnr":18.04,"edgeF1":0.51},
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

  /** Writes a loss curve decaying from {@code first} to {@code last} over 40 logged steps. */
  static void metrics(Path dir, String arm, double first, double last) throws IOException {
    Path d = Files.createDirectories(dir.resolve("arms").resolve(arm));
    StringBuilder b = new StringBuilder();
    int n = 40;
    for (int i = 0; i < n; i++) {
      double loss = first * Math.pow(last / first, i / (double) (n - 1));
      b.append(String.format(java.util.Locale.ROOT, "{\"step\":%d,\"loss\":%.6g,\"stepMs\":51.2}%n", (i + 1) * 10, loss));
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
