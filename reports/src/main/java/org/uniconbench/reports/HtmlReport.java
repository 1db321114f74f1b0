package org.uniconbench.reports;

import static org.uniconbench.reports.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one self-contained {@code report.html} for a run folder.
 *
 * <p>The page holds a provenance table, a per-arm cost and quality table, a table of feature-space
 * quality proxies (Frechet distance, KID) with N and the real-vs-real floor, the training-loss chart
 * (inline SVG), a grid of sample images (base64 data URIs) and the resolved experiment. It loads
 * nothing from outside the file: no external CSS, scripts, fonts or images, and a
 * Content-Security-Policy that forbids them. Every string read from the run folder is
 * HTML-escaped. Missing optional files show as "not measured"; an unreadable optional file shows
 * its error in place of its section instead of failing the whole report.
 *
 * <pre>{@code
 * Path html = HtmlReport.write(Path.of("runs/quickstart-2026-11-25T170000Z"));
 * }</pre>
 */
public final class HtmlReport {
  /** Name of the report file written inside the run folder. */
  public static final String FILE_NAME = "report.html";
  /** At most this many sample rows are embedded, to keep the page small. */
  static final int MAX_SAMPLE_ROWS = 64;
  /** Sample images larger than this are not embedded: samples are meant to be thumbnails. */
  static final long MAX_SAMPLE_BYTES = 1 << 20;

  private static final String NOT_MEASURED = "<span class=\"nm\">not measured</span>";
  private static final String NOT_APPLICABLE = "<span class=\"nm\" title=\"not applicable\">—</span>";
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private HtmlReport() {}

  /**
   * Reads {@code runDir} and writes {@code runDir/report.html}, replacing any earlier report.
   *
   * @return the path of the written report
   * @throws ReportException if summary.json is missing or invalid, or the report cannot be written
   */
  public static Path write(Path runDir) {
    RunFolder run = RunFolder.open(runDir);
    String html = render(run);
    Path target = run.dir().resolve(FILE_NAME);
    Path tmp = run.dir().resolve(FILE_NAME + ".tmp");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new ReportException(
          "could not write " + target + " (" + e + "): check the run folder is writable", e);
    }
    return target;
  }

  /** Renders the report of an opened run folder as one HTML document. */
  public static String render(RunFolder run) {
    RunSummary s = run.summary();
    String name = s.experiment() == null ? run.dir().getFileName().toString() : s.experiment();
    String status = s.status() == null ? "unknown" : s.status();
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("img-src data:; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(name)).append(" (").append(esc(status)).append(") · UniCon Bench</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");

    b.append("<h1>").append(esc(name)).append(" <span class=\"status ").append(statusClass(status)).append("\">")
        .append(esc(status)).append("</span></h1>\n");
    b.append("<p class=\"sub\">UniCon Bench run <code>").append(esc(run.dir().getFileName().toString()))
        .append("</code> · ").append(s.arms().size()).append(s.arms().size() == 1 ? " arm" : " arms");
    if (s.description() != null && !s.description().isBlank()) {
      b.append("<br>").append(esc(s.description()));
    }
    b.append("</p>\n");

    section(b, "Provenance", () -> provenance(run));
    section(b, "Arms", () -> arms(s));
    section(b, "Quality (feature-space proxies, not FID)", () -> quality(s));
    section(b, "Training loss", () -> lossChart(run));
    section(b, "Samples", () -> samples(run));
    section(b, "Resolved configuration", () -> configuration(run));
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  // ---------------------------------------------------------------- sections

  /** Renders one section; an unreadable optional file shows its error instead of the section. */
  private static void section(StringBuilder b, String title, java.util.function.Supplier<String> body) {
    b.append("<section>\n<h2>").append(esc(title)).append("</h2>\n");
    try {
      b.append(body.get());
    } catch (ReportException e) {
      b.append("<p class=\"error\">Could not read this part of the run: ").append(esc(e.getMessage())).append("</p>\n");
    }
    b.append("</section>\n");
  }

  private static String provenance(RunFolder run) {
    Map<String, String> p = new LinkedHashMap<>(run.provenance());
    if (p.isEmpty()) {
      return "<p>" + NOT_MEASURED + " (no " + RunFolder.PROVENANCE + " in the run folder)</p>\n";
    }
    duration(p.get("startedAt"), p.get("finishedAt")).ifPresent(d -> p.put("duration", d));
    StringBuilder b = new StringBuilder("<table class=\"kv\">\n");
    for (Map.Entry<String, String> e : p.entrySet()) {
      b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>")
          .append(e.getValue() == null ? NOT_MEASURED : "<code>" + esc(e.getValue()) + "</code>")
          .append("</td></tr>\n");
    }
    return b.append("</table>\n").toString();
  }

  private static Optional<String> duration(String start, String end) {
    if (start == null || end == null) {
      return Optional.empty();
    }
    try {
      Duration d = Duration.between(Instant.parse(start), Instant.parse(end));
      if (d.isNegative()) {
        return Optional.empty();
      }
      return Optional.of(String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String arms(RunSummary s) {
    if (s.arms().isEmpty()) {
      return "<p>" + NOT_MEASURED + " (summary.json lists no arms)</p>\n";
    }
    // Footnotes: one per distinct memory-measurement method, numbered in order of appearance.
    List<String> methods = new ArrayList<>();
    for (ArmResult a : s.arms()) {
      if (a.memoryMethod() != null && !a.memoryMethod().isBlank() && !methods.contains(a.memoryMethod())) {
        methods.add(a.memoryMethod());
      }
    }
    // mask IoU and depth RMSE apply to the mask and depth conditions only: shown when measured
    boolean showMask = s.arms().stream().anyMatch(a -> a.maskIou() != null);
    boolean showDepth = s.arms().stream().anyMatch(a -> a.depthRmse() != null);
    List<String> headerList = new ArrayList<>(List.of(
        "Arm", "Status", "Adapter<br><small>width × depth, connector</small>", "Trainable params",
        "Frozen params", "Steps × batch<br><small>train time</small>", "Step ms<br><small>median (p10–p90)</small>",
        "Images/s", "Peak memory MiB", "Final loss", "SSIM", "PSNR dB", "Edge F1"));
    if (showMask) {
      headerList.add("Mask IoU<br><small>foreground &gt; 0.57</small>");
    }
    if (showDepth) {
      headerList.add("Depth RMSE<br><small>0–255, oracle depth</small>");
    }
    String[] headers = headerList.toArray(new String[0]);
    StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"arms\">\n<thead><tr>");
    for (String h : headers) {
      b.append("<th>").append(h).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    for (ArmResult a : s.arms()) {
      boolean ref = a.isBackbone();
      String na = ref ? NOT_APPLICABLE : NOT_MEASURED;
      b.append(a.failed() ? "<tr class=\"failed\">" : ref ? "<tr class=\"ref\">" : "<tr>");
      b.append("<td><b>").append(esc(a.name())).append("</b><br><small>")
          .append(a.method() == null ? "method not recorded" : esc(a.method()))
          .append(a.seed() == null ? "" : " · seed " + a.seed())
          .append(ref ? " · reference" : "").append("</small></td>");
      b.append("<td class=\"st\">").append(a.status() == null ? NOT_MEASURED : esc(a.status())).append("</td>");
      b.append("<td>").append(adapter(a, na)).append("</td>");
      num(b, a.trainableParams() == null ? na : Html.count(a.trainableParams()));
      num(b, a.frozenParams() == null ? NOT_MEASURED : Html.count(a.frozenParams()));
      num(b, stepsCell(a, na));
      num(b, stepMsCell(a));
      num(b, a.imagesPerSecond() == null ? NOT_MEASURED : Html.fixed(a.imagesPerSecond(), 1));
      num(b, memoryCell(a, methods));
      num(b, a.finalLoss() == null ? na : Html.sig(a.finalLoss()));
      num(b, a.ssim() == null ? NOT_MEASURED : Html.fixed(a.ssim(), 3));
      num(b, a.psnr() == null ? NOT_MEASURED : Html.fixed(a.psnr(), 2));
      num(b, a.edgeF1() == null ? NOT_MEASURED : Html.fixed(a.edgeF1(), 3));
      if (showMask) {
        num(b, a.maskIou() == null ? NOT_MEASURED : Html.fixed(a.maskIou(), 3));
      }
      if (showDepth) {
        num(b, a.depthRmse() == null ? NOT_MEASURED : Html.fixed(a.depthRmse(), 2));
      }
      b.append("</tr>\n");
      if (a.failed()) {
        b.append("<tr class=\"failed err\"><td colspan=\"").append(headers.length).append("\">")
            .append("<b>").append(esc(a.name())).append(" failed:</b> ")
            .append(a.error() == null || a.error().isBlank()
                ? "no error message recorded"
                : "<pre>" + esc(a.error()) + "</pre>")
            .append("</td></tr>\n");
      }
    }
    b.append("</tbody>\n</table></div>\n");
    if (!methods.isEmpty()) {
      b.append("<ol class=\"notes\">\n");
      for (int i = 0; i < methods.size(); i++) {
        b.append("<li id=\"mem-").append(i + 1).append("\">Peak memory: ").append(esc(methods.get(i))).append("</li>\n");
      }
      b.append("</ol>\n");
    }
    return b.toString();
  }

  /**
   * Frechet distance and KID per arm, with N and the real-vs-real floor: the proxies of two
   * disjoint real sets of the same size, what a perfect generator would score at this N.
   */
  private static String quality(RunSummary s) {
    boolean any = s.realVsReal() != null || s.arms().stream().anyMatch(a -> a.features().measured());
    if (!any) {
      return "<p>" + NOT_MEASURED + " (summary.json has no feature-space proxies; runs before this version "
          + "did not compute them)</p>\n";
    }
    String[] headers = {
      "Arm", "N<br><small>images per set</small>", "FD-classifier", "KID-classifier<br><small>mean ± std</small>",
      "FD-random", "KID-random<br><small>mean ± std</small>"
    };
    StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"arms quality\">\n<thead><tr>");
    for (String h : headers) {
      b.append("<th>").append(h).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    for (ArmResult a : s.arms()) {
      b.append(a.failed() ? "<tr class=\"failed\">" : a.isBackbone() ? "<tr class=\"ref\">" : "<tr>");
      b.append("<td><b>").append(esc(a.name())).append("</b>")
          .append(a.seed() == null ? "" : "<br><small>seed " + a.seed() + "</small>").append("</td>");
      proxyCells(b, a.features());
      b.append("</tr>\n");
    }
    if (s.realVsReal() != null) {
      b.append("<tr class=\"ref floor\"><td><b>real vs real</b><br><small>two disjoint real sets: the floor</small></td>");
      proxyCells(b, s.realVsReal());
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table></div>\n");
    b.append("<p class=\"sub\">Frechet distance (squared, as FID reports it) and KID (unbiased MMD², cubic "
        + "kernel, mean ± std over random subsets) between each arm's samples and the evaluation targets, on the "
        + "features of a small classifier trained here on the dataset's labels and of fixed random convolutions "
        + "(see features.json for the classifier's test accuracy). These are feature-space proxies, not FID. "
        + "With N this small both are biased and noisy: read an arm against the real-vs-real row of the same N, "
        + "not against published numbers.</p>\n");
    return b.toString();
  }

  private static void proxyCells(StringBuilder b, FeatureProxies f) {
    num(b, f.featureN() == null ? NOT_MEASURED : Html.count(f.featureN()));
    num(b, f.fdClassifier() == null ? NOT_MEASURED : Html.sig(f.fdClassifier()));
    num(b, kidCell(f.kidClassifier(), f.kidClassifierStd()));
    num(b, f.fdRandom() == null ? NOT_MEASURED : Html.sig(f.fdRandom()));
    num(b, kidCell(f.kidRandom(), f.kidRandomStd()));
  }

  private static String kidCell(Double mean, Double std) {
    if (mean == null) {
      return NOT_MEASURED;
    }
    return Html.sig(mean) + (std == null ? "" : " <small>± " + Html.sig(std) + "</small>");
  }

  private static void num(StringBuilder b, String cell) {
    b.append("<td class=\"num\">").append(cell).append("</td>");
  }

  private static String adapter(ArmResult a, String na) {
    if (a.width() == null && a.depth() == null && a.connector() == null) {
      return na;
    }
    String w = a.width() == null ? "?" : Html.sig(a.width());
    String d = a.depth() == null ? "?" : String.valueOf(a.depth());
    return w + " × " + d + (a.connector() == null ? "" : ", " + esc(a.connector()));
  }

  private static String stepsCell(ArmResult a, String na) {
    if (a.steps() == null && a.batchSize() == null && a.trainSeconds() == null) {
      return na;
    }
    String steps = a.steps() == null ? "?" : Html.count(a.steps());
    String batch = a.batchSize() == null ? "?" : Html.count(a.batchSize());
    String time = a.trainSeconds() == null ? "" : "<br><small>" + Html.fixed(a.trainSeconds(), 1) + " s</small>";
    return steps + " × " + batch + time;
  }

  private static String stepMsCell(ArmResult a) {
    if (a.medianStepMs() == null) {
      return NOT_MEASURED;
    }
    String range = a.p10StepMs() == null || a.p90StepMs() == null
        ? ""
        : " <small>(" + Html.fixed(a.p10StepMs(), 1) + "–" + Html.fixed(a.p90StepMs(), 1) + ")</small>";
    return Html.fixed(a.medianStepMs(), 1) + range;
  }

  private static String memoryCell(ArmResult a, List<String> methods) {
    if (a.peakMemoryBytes() == null) {
      return NOT_MEASURED;
    }
    int note = a.memoryMethod() == null ? -1 : methods.indexOf(a.memoryMethod());
    return Html.mib(a.peakMemoryBytes())
        + (note < 0 ? "" : "<sup><a href=\"#mem-" + (note + 1) + "\">" + (note + 1) + "</a></sup>");
  }

  private static String lossChart(RunFolder run) {
    Map<String, List<LossPoint>> series = new LinkedHashMap<>();
    List<String> without = new ArrayList<>();
    StringBuilder errors = new StringBuilder();
    for (ArmResult a : run.summary().arms()) {
      try {
        List<LossPoint> points = run.lossSeries(a.name());
        if (points.isEmpty()) {
          if (!a.isBackbone()) {
            without.add(a.name());
          }
        } else {
          series.put(a.name(), points);
        }
      } catch (ReportException e) {
        errors.append("<p class=\"error\">").append(esc(e.getMessage())).append("</p>\n");
      }
    }
    StringBuilder b = new StringBuilder();
    if (series.isEmpty()) {
      b.append("<p>").append(NOT_MEASURED).append(" (no arm has loss values in arms/NAME/")
          .append(RunFolder.METRICS).append(")</p>\n");
    } else {
      b.append("<div class=\"chart-box\">").append(LossChart.html(series)).append("</div>\n");
      b.append("<p class=\"sub\">").append(LossChart.logAxisHelps(series) ? "Log-scale y axis. " : "")
          .append("One line per arm; the backbone reference is not trained.");
      if (!without.isEmpty()) {
        b.append(" No loss recorded for: ").append(esc(String.join(", ", without))).append('.');
      }
      b.append("</p>\n");
    }
    return b.append(errors).toString();
  }

  private static String samples(RunFolder run) {
    Optional<SampleIndex> maybe = run.sampleIndex();
    if (maybe.isEmpty()) {
      return "<p>" + NOT_MEASURED + " (no samples/" + RunFolder.SAMPLE_INDEX + " in the run folder)</p>\n";
    }
    SampleIndex idx = maybe.get();
    if (idx.count() == 0 || idx.columns().isEmpty()) {
      return "<p>" + NOT_MEASURED + " (samples/index.json lists no samples)</p>\n";
    }
    int rows = Math.min(idx.count(), MAX_SAMPLE_ROWS);
    StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"samples\">\n<thead><tr><th>#</th>");
    for (String c : idx.columns()) {
      b.append("<th>").append(esc(c)).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    for (int i = 0; i < rows; i++) {
      b.append("<tr><th>").append(i).append("</th>");
      for (String c : idx.columns()) {
        b.append("<td>").append(sampleCell(run, c, i)).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table></div>\n");
    if (rows < idx.count()) {
      b.append("<p class=\"sub\">Showing the first ").append(rows).append(" of ").append(idx.count())
          .append(" samples; the rest are in samples/COLUMN/ in the run folder.</p>\n");
    }
    return b.toString();
  }

  private static String sampleCell(RunFolder run, String column, int i) {
    Path file = run.samplePath(column, i);
    if (!Files.isRegularFile(file)) {
      return "<span class=\"nm\">missing</span>";
    }
    try {
      if (Files.size(file) > MAX_SAMPLE_BYTES) {
        return "<span class=\"nm\">too large to embed</span>";
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length < PNG_SIGNATURE.length
          || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
        return "<span class=\"error\">not a PNG</span>";
      }
      return "<img alt=\"" + esc(column) + " sample " + i + "\" src=\"data:image/png;base64,"
          + Base64.getEncoder().encodeToString(bytes) + "\">";
    } catch (IOException e) {
      return "<span class=\"error\">unreadable</span>";
    }
  }

  private static String configuration(RunFolder run) {
    Optional<String> yaml = run.experimentYaml();
    if (yaml.isEmpty()) {
      return "<p>" + NOT_MEASURED + " (no " + RunFolder.EXPERIMENT + " in the run folder)</p>\n";
    }
    return "<details>\n<summary>" + RunFolder.EXPERIMENT + " (click to expand)</summary>\n<pre class=\"yaml\">"
        + esc(yaml.get()) + "</pre>\n</details>\n";
  }

  private static String statusClass(String status) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "completed" -> "ok";
      case "failed" -> "bad";
      default -> "warn";
    };
  }

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328;\
      max-width:1240px;margin:0 auto;padding:16px 24px 48px}
      h1{font-size:24px;margin:8px 0 4px}
      h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #d0d7de}
      .sub{color:#57606a;margin:4px 0 8px}
      code,pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
      pre{white-space:pre-wrap;word-break:break-word;margin:4px 0}
      .status{font-size:13px;font-weight:600;padding:2px 8px;border-radius:10px;vertical-align:middle}
      .status.ok{background:#dafbe1;color:#116329}.status.bad{background:#ffebe9;color:#b3261e}
      .status.warn{background:#fff8c5;color:#7d4e00}
      table{border-collapse:collapse}
      th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
      thead th{background:#f6f8fa;font-weight:600;border-bottom:2px solid #d0d7de}
      table.kv th{font-weight:600;color:#57606a;padding-right:16px}
      table.arms{font-size:13px}
      td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      td.num .nm{white-space:normal}
      table.arms th,table.arms td{padding:4px 6px}
      small{color:#57606a}
      .nm{color:#8c959f;font-style:italic}
      tr.ref td{background:#fafafa}
      tr.failed td.st,.error,tr.err td{color:#b3261e}
      tr.err td{background:#fff5f5}
      tr.err pre{color:#b3261e}
      .notes{font-size:12.5px;color:#57606a;padding-left:20px}
      .scroll{overflow-x:auto}
      .chart-box{max-width:100%;overflow-x:auto}
      svg.chart,img.chart{max-width:100%;height:auto;display:block}
      table.samples th,table.samples td{text-align:center;vertical-align:middle;border:none;padding:3px}
      table.samples img{width:96px;height:96px;image-rendering:pixelated;\
      display:block;border:1px solid #d0d7de}
      table.samples tbody th{color:#57606a;font-weight:400}
      details{border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;background:#f6f8fa}
      summary{cursor:pointer;font-weight:600}
      """;
}
