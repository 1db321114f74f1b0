package org.uniconbench.reports;

import static org.uniconbench.reports.Html.esc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.uniconbench.files.AtomicFile;

/**
 * Writes one self-contained {@code report.html} for a run folder.
 *
 * <p>The page holds, in order: the paper's claims beside this run's measurement (ratio with its
 * interval over seeds, named by method, level and n, and a verdict badge with its reason; see
 * {@link ClaimsSection}); a provenance table; the per-arm table (one row per arm
 * and seed); cost (peak memory stacked by frozen weights, trainable weights, gradients, optimiser
 * state and activations; median step time stacked by phase; throughput); fidelity (SSIM and edge
 * F1 bars with interval whiskers, a Pareto chart of memory against SSIM, a table with intervals);
 * the feature-space quality proxies (Frechet distance, KID) with N and the real-vs-real floor; the
 * training-loss chart (smoothed, mean and min-max band over seeds); a grid of sample images (base64
 * data URIs) and the resolved experiment. Charts are inline SVG. Figures come from
 * {@code summary.json}'s {@code aggregates} where present, else from the first seed's row; runs
 * from before aggregates, comparisons and claims render with those parts "not measured".
 * {@link #compare} puts several runs side by side on one page. It loads
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
    writeAtomically(target, html);
    return target;
  }

  /** Default file name of {@link #compare}'s page. */
  public static final String COMPARE_FILE_NAME = "compare.html";

  /**
   * Reads every run folder and writes one self-contained page that puts them side by side: one
   * table of every arm of every run (cost and fidelity), then each run's claims.
   *
   * @param runDirs the run folders, in the order to show them; at least one
   * @param outFile the page to write (replaced if it exists)
   * @return the path of the written page
   * @throws ReportException if a folder is not a run folder (no valid summary.json), or the page
   *     cannot be written
   */
  public static Path compare(List<Path> runDirs, Path outFile) {
    if (runDirs == null || runDirs.isEmpty()) {
      throw new ReportException("compare needs at least one run folder: pass the folders the harness printed (under runs/)");
    }
    List<RunFolder> runs = new ArrayList<>();
    for (Path dir : runDirs) {
      runs.add(RunFolder.open(dir));
    }
    Path target = outFile.toAbsolutePath().normalize();
    writeAtomically(target, renderComparison(runs));
    return target;
  }

  /** Renders the side-by-side page of several opened run folders. */
  public static String renderComparison(List<RunFolder> runs) {
    StringBuilder b = new StringBuilder(64 * 1024);
    head(b, "Comparison of " + runs.size() + (runs.size() == 1 ? " run" : " runs"));
    b.append("<h1>Comparison of ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append("</h1>\n");
    b.append("<p class=\"sub\">UniCon Bench runs side by side: ");
    for (int i = 0; i < runs.size(); i++) {
      b.append(i == 0 ? "" : ", ").append("<code>").append(esc(runName(runs.get(i)))).append("</code>");
    }
    b.append("</p>\n");
    section(b, "Arms of every run", () -> comparisonTable(runs));
    section(b, "Cost against backbone size (measured and predicted)", () -> ScalingFigure.html(runs));
    for (RunFolder run : runs) {
      RunSummary s = run.summary();
      section(b, "Claims: " + runName(run) + (s.experiment() == null ? "" : " (" + s.experiment() + ")"),
          () -> ClaimsSection.render(s, true));
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static String runName(RunFolder run) {
    return run.dir().getFileName() == null ? run.dir().toString() : run.dir().getFileName().toString();
  }

  private static String comparisonTable(List<RunFolder> runs) {
    String[] headers = {"Run", "Experiment", "Arm", "Method", "Seeds", "Trainable params",
      "Step ms<br><small>median</small>", "Peak MiB", "SSIM", "PSNR dB", "Edge F1", "FD-classifier"};
    StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"arms compare\">\n<thead><tr>");
    for (String h : headers) {
      b.append("<th>").append(h).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    java.util.function.DoubleFunction<String> f3 = v -> Html.fixed(v, 3);
    for (int r = 0; r < runs.size(); r++) {
      RunFolder run = runs.get(r);
      RunSummary s = run.summary();
      List<ArmFigures> figures = ArmFigures.of(s);
      if (figures.isEmpty()) {
        b.append("<tr class=\"run-start\"><td><b>").append(esc(runName(run))).append("</b></td><td>")
            .append(esc(orUnknown(s.experiment()))).append("</td><td colspan=\"").append(headers.length - 2)
            .append("\">").append(NOT_MEASURED).append(" (summary.json lists no arms)</td></tr>\n");
        continue;
      }
      for (int i = 0; i < figures.size(); i++) {
        ArmFigures a = figures.get(i);
        String cls = (i == 0 ? "run-start " : "") + (a.failed() ? "failed" : a.isBackbone() ? "ref" : "");
        b.append("<tr class=\"").append(cls.trim()).append("\">");
        b.append("<td>").append(i == 0 ? "<b>" + esc(runName(run)) + "</b>" : "").append("</td>");
        b.append("<td>").append(i == 0 ? esc(orUnknown(s.experiment())) : "").append("</td>");
        b.append("<td><b>").append(esc(a.name())).append("</b>").append(a.failed() ? " <small>failed</small>" : "")
            .append("</td>");
        b.append("<td>").append(a.method() == null ? NOT_MEASURED : esc(a.method())).append("</td>");
        num(b, seedsCell(a));
        num(b, a.isBackbone() ? NOT_APPLICABLE : estimateCell(a.get(ArmFigures.TRAINABLE), v -> Html.count(Math.round(v))));
        num(b, a.isBackbone() ? NOT_APPLICABLE : estimateCell(a.get(ArmFigures.STEP_MS), v -> Html.fixed(v, 1)));
        num(b, a.isBackbone() ? NOT_APPLICABLE : estimateCell(a.get(ArmFigures.PEAK), v -> Html.fixed(v / MIB, 1)));
        num(b, estimateCell(a.get(ArmFigures.SSIM), f3));
        num(b, estimateCell(a.get(ArmFigures.PSNR), v -> Html.fixed(v, 2)));
        num(b, estimateCell(a.get(ArmFigures.EDGE_F1), f3));
        num(b, estimateCell(a.get(ArmFigures.FD_CLASSIFIER), Html::sig));
        b.append("</tr>\n");
      }
    }
    b.append("</tbody>\n</table></div>\n");
    b.append("<p class=\"sub\">Means over seeds with their interval in brackets (as each run's summary.json names it: "
        + "a 95% t interval from five seeds, else the range of the seeds) where a run has aggregates; otherwise the "
        + "first completed seed's row. Peak memory is measured in-process and is rough "
        + "on the CPU; FD-classifier is a feature-space proxy (not FID) whose value depends on the number of samples, "
        + "so compare it across runs only at the same N.</p>\n");
    return b.toString();
  }

  /** Writes {@code html} to {@code target} whole ({@link AtomicFile}). */
  private static void writeAtomically(Path target, String html) {
    try {
      AtomicFile.writeString(target, html);
    } catch (IOException e) {
      throw new ReportException(
          "could not write " + target + " (" + e + "): check the folder exists and is writable", e);
    }
  }

  /** Opens the document: doctype, the Content-Security-Policy that forbids any request, title and style. */
  private static void head(StringBuilder b, String title) {
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("img-src data:; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append(" · UniCon Bench</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
  }

  /** Renders the report of an opened run folder as one HTML document. */
  public static String render(RunFolder run) {
    RunSummary s = run.summary();
    String name = s.experiment() == null ? run.dir().getFileName().toString() : s.experiment();
    String status = s.status() == null ? "unknown" : s.status();
    StringBuilder b = new StringBuilder(64 * 1024);
    head(b, name + " (" + status + ")");

    b.append("<h1>").append(esc(name)).append(" <span class=\"status ").append(statusClass(status)).append("\">")
        .append(esc(status)).append("</span></h1>\n");
    b.append("<p class=\"sub\">UniCon Bench run <code>").append(esc(run.dir().getFileName().toString()))
        .append("</code> · ").append(s.arms().size()).append(s.arms().size() == 1 ? " arm" : " arms");
    if (s.description() != null && !s.description().isBlank()) {
      b.append("<br>").append(esc(s.description()));
    }
    b.append("</p>\n");

    List<ArmFigures> figures = ArmFigures.of(s);
    Map<String, java.awt.Color> colors = armColors(figures);
    section(b, "Claims", () -> ClaimsSection.render(s, true));
    section(b, "Provenance", () -> provenance(run));
    section(b, "Arms", () -> arms(s));
    section(b, "Cost", () -> cost(figures));
    section(b, "Predicted cost (cost model)", () -> PredictedCostSection.html(run));
    section(b, "Fidelity and quality", () -> fidelity(s, figures, colors));
    section(b, "Quality (feature-space proxies, not FID)", () -> quality(s));
    section(b, "Training loss", () -> lossChart(run, colors));
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

  // ---------------------------------------------------------------- claims

  /** Arm colours shared by every per-arm chart: trained arms take the palette in order, the backbone grey. */
  private static Map<String, java.awt.Color> armColors(List<ArmFigures> figures) {
    Map<String, java.awt.Color> colors = new LinkedHashMap<>();
    int i = 0;
    for (ArmFigures a : figures) {
      colors.put(a.name(), Charts.armColor(a.isBackbone() ? 0 : i++, a.isBackbone()));
    }
    return colors;
  }

  private static String orUnknown(String s) {
    return s == null ? "?" : s;
  }

  // ---------------------------------------------------------------- cost

  /** A figure with its interval in brackets when it has one; "not measured" when null. */
  private static String estimateCell(Estimate e, java.util.function.DoubleFunction<String> format) {
    if (e == null || !e.measured()) {
      return NOT_MEASURED;
    }
    String v = format.apply(e.value());
    if (!e.hasInterval()) {
      return v;
    }
    String low = format.apply(e.low());
    String high = format.apply(e.high());
    // an exact figure (parameter counts, weight bytes) has a zero-width interval: not worth a bracket
    return low.equals(high) ? v : v + " <small>[" + low + "–" + high + "]</small>";
  }

  /** How the figures' intervals were computed, in words: "95% t, n = 5", "range of 3 seeds". */
  private static String intervalName(List<ArmFigures> figures) {
    return figures.stream().map(a -> a.get(ArmFigures.SSIM)).filter(e -> e != null && e.hasInterval())
        .map(Estimate::describe).findFirst().orElse("no interval: one seed");
  }

  private static String seedsCell(ArmFigures a) {
    if (a.failed()) {
      return "0 <small>(failed)</small>";
    }
    return a.aggregate() == null
        ? "1<small>" + (a.seeds() > 1 ? " of " + a.seeds() + " (first)" : "") + "</small>"
        : String.valueOf(a.n());
  }

  private static final double MIB = 1024.0 * 1024.0;

  private static String cost(List<ArmFigures> figures) {
    List<ArmFigures> trained = figures.stream().filter(a -> !a.isBackbone()).toList();
    if (trained.isEmpty()) {
      return "<p>" + NOT_MEASURED + " (no trained arm in summary.json)</p>\n";
    }
    StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"arms cost\">\n<thead><tr>")
        .append("<th>Arm</th><th>Seeds</th><th>Trainable params</th><th>Step ms<br><small>median</small></th>")
        .append("<th>Data ms</th><th>Forward ms</th><th>Backward ms</th><th>Optimiser ms</th><th>Images/s</th>")
        .append("<th>Peak MiB<br><small>measured</small></th>")
        .append("<th>Memory parts MiB<br><small>frozen weights / trainable weights / gradients / optimiser state / "
            + "activations &amp; other</small></th></tr></thead>\n<tbody>\n");
    List<CostCharts.MemoryParts> memory = new ArrayList<>();
    List<String> noMemory = new ArrayList<>();
    List<String> timeNames = new ArrayList<>();
    List<double[]> times = new ArrayList<>();
    List<String> noTime = new ArrayList<>();
    java.util.function.DoubleFunction<String> ms = v -> Html.fixed(v, 1);
    java.util.function.DoubleFunction<String> mib = v -> Html.fixed(v / MIB, 1);
    for (ArmFigures a : trained) {
      CostCharts.MemoryParts parts = CostCharts.memoryParts(a);
      if (parts == null) {
        noMemory.add(a.name());
      } else {
        memory.add(parts);
      }
      double[] t = CostCharts.timeParts(a);
      if (t == null) {
        noTime.add(a.name());
      } else {
        timeNames.add(a.name());
        times.add(t);
      }
      b.append(a.failed() ? "<tr class=\"failed\">" : "<tr>");
      b.append("<td><b>").append(esc(a.name())).append("</b><br><small>")
          .append(a.method() == null ? "method not recorded" : esc(a.method())).append("</small></td>");
      num(b, seedsCell(a));
      num(b, estimateCell(a.get(ArmFigures.TRAINABLE), v -> Html.count(Math.round(v))));
      num(b, estimateCell(a.get(ArmFigures.STEP_MS), ms));
      num(b, estimateCell(a.get(ArmFigures.DATA_MS), ms));
      num(b, estimateCell(a.get(ArmFigures.FORWARD_MS), ms));
      num(b, estimateCell(a.get(ArmFigures.BACKWARD_MS), ms));
      num(b, estimateCell(a.get(ArmFigures.OPTIMIZER_MS), ms));
      num(b, estimateCell(a.get(ArmFigures.IMAGES_PER_S), v -> Html.fixed(v, 1)));
      num(b, estimateCell(a.get(ArmFigures.PEAK), mib));
      num(b, parts == null ? NOT_MEASURED : partsCell(parts.mib()));
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table></div>\n");
    b.append("<p class=\"sub\">Means over seeds with their interval in brackets (").append(esc(intervalName(figures)))
        .append(") where summary.json has aggregates; otherwise the first completed seed's row (Seeds = 1). Images/s is the batch size over the "
        + "median step time.</p>\n");

    b.append("<h3>Peak memory, by what holds it</h3>\n");
    if (memory.isEmpty()) {
      b.append("<p>").append(NOT_MEASURED).append(" (no arm recorded its peak memory together with the exact "
          + "weight, gradient and optimiser-state bytes; runs before this version did not write them)</p>\n");
    } else {
      b.append("<div class=\"chart-box\">").append(CostCharts.memoryChart(memory)).append("</div>\n");
      b.append("<p class=\"sub\">Frozen weights, trainable weights, gradients and optimiser state (Adam's two "
          + "moments) are exact, from the parameter counts at 4 bytes each. The measured peak is the process's peak "
          + "resident set during training minus its resident set after the model was built: it already excludes "
          + "both sets of weights and includes gradients, optimiser state and activations. So \"activations &amp; "
          + "other\" = max(0, peak − gradients − optimiser state), and the bar's height is the weights plus the "
          + "measured peak. On the CPU this is a rough, in-process figure: it also holds allocator slack, the "
          + "JVM's and libtorch's working memory and buffers freed late, so compare arms of the same run, not "
          + "absolute values.");
      if (!noMemory.isEmpty()) {
        b.append(" Not measured for: ").append(esc(String.join(", ", noMemory))).append('.');
      }
      b.append("</p>\n");
    }
    b.append("<h3>Step time, by phase</h3>\n");
    if (times.isEmpty()) {
      b.append("<p>").append(NOT_MEASURED).append(" (no arm recorded median data, forward, backward and "
          + "optimiser times; runs before this version did not write them)</p>\n");
    } else {
      b.append("<div class=\"chart-box\">").append(CostCharts.timeChart(timeNames, times)).append("</div>\n");
      b.append("<p class=\"sub\">Median time of each phase over the steps after warm-up. Medians of the parts "
          + "need not add up to the median step time in the table. UniCon's forward phase includes the frozen "
          + "backbone's forward pass; ControlNet's backward phase includes the backward pass through the frozen "
          + "decoder.");
      if (!noTime.isEmpty()) {
        b.append(" Not measured for: ").append(esc(String.join(", ", noTime))).append('.');
      }
      b.append("</p>\n");
    }
    return b.toString();
  }

  /** The five memory parts in MiB, separated by slashes, in the order of the header. */
  private static String partsCell(double[] mib) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < mib.length; i++) {
      b.append(i == 0 ? "" : " / ").append(Html.fixed(mib[i], mib[i] < 10 ? 2 : 1));
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- fidelity

  private static String fidelity(RunSummary s, List<ArmFigures> figures, Map<String, java.awt.Color> colors) {
    boolean showMask = figures.stream().anyMatch(a -> a.get(ArmFigures.MASK_IOU) != null);
    boolean showDepth = figures.stream().anyMatch(a -> a.get(ArmFigures.DEPTH_RMSE) != null);
    StringBuilder b = new StringBuilder();
    String bars = QualityCharts.fidelityChart(figures);
    if (bars.isEmpty()) {
      return "<p>" + NOT_MEASURED + " (no arm has SSIM or edge F1)</p>\n";
    }
    boolean whiskers = figures.stream().anyMatch(a -> QualityCharts.whisker(a.get(ArmFigures.SSIM)) > 0
        || QualityCharts.whisker(a.get(ArmFigures.EDGE_F1)) > 0);
    b.append("<div class=\"chart-box\">").append(bars).append("</div>\n");
    b.append("<p class=\"sub\">SSIM (Wang et al. 2004) and edge F1 (Canny edges of the sample against the "
        + "target's, pixelwise, as ControlNet++) of each arm's samples; the backbone bar is the uncontrolled "
        + "model from the same noise.")
        .append(whiskers
            ? " Whiskers: the interval over seeds (" + esc(intervalName(figures)) + "); XChart draws them symmetric, so each spans the "
                + "wider side of the interval (the table below gives the exact bounds)."
            : " One seed per arm: no intervals.")
        .append("</p>\n");
    String pareto = QualityCharts.paretoChart(figures, colors);
    b.append("<h3>Memory against fidelity</h3>\n");
    if (pareto.isEmpty()) {
      b.append("<p>").append(NOT_MEASURED).append(" (no trained arm has both peak memory and SSIM)</p>\n");
    } else {
      b.append("<div class=\"chart-box\">").append(pareto).append("</div>\n");
      b.append("<p class=\"sub\">One point per trained arm: up and to the left is better (more faithful, less "
          + "memory). x is the measured peak of the Arms table (rough on the CPU, see Cost); y is SSIM")
          .append(whiskers ? ", with its interval over seeds as a whisker" : "").append(".</p>\n");
    }
    List<String> headers = new ArrayList<>(List.of("Arm", "Seeds", "SSIM", "PSNR dB", "Edge F1",
        "FD-classifier", "KID-classifier", "FD-random"));
    if (showMask) {
      headers.add("Mask IoU");
    }
    if (showDepth) {
      headers.add("Depth RMSE");
    }
    b.append("<div class=\"scroll\"><table class=\"arms fidelity\">\n<thead><tr>");
    for (String h : headers) {
      b.append("<th>").append(h).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    java.util.function.DoubleFunction<String> f3 = v -> Html.fixed(v, 3);
    for (ArmFigures a : figures) {
      b.append(a.failed() ? "<tr class=\"failed\">" : a.isBackbone() ? "<tr class=\"ref\">" : "<tr>");
      b.append("<td><b>").append(esc(a.name())).append("</b></td>");
      num(b, seedsCell(a));
      num(b, estimateCell(a.get(ArmFigures.SSIM), f3));
      num(b, estimateCell(a.get(ArmFigures.PSNR), v -> Html.fixed(v, 2)));
      num(b, estimateCell(a.get(ArmFigures.EDGE_F1), f3));
      num(b, estimateCell(a.get(ArmFigures.FD_CLASSIFIER), Html::sig));
      num(b, estimateCell(a.get(ArmFigures.KID_CLASSIFIER), Html::sig));
      num(b, estimateCell(a.get(ArmFigures.FD_RANDOM), Html::sig));
      if (showMask) {
        num(b, estimateCell(a.get(ArmFigures.MASK_IOU), f3));
      }
      if (showDepth) {
        num(b, estimateCell(a.get(ArmFigures.DEPTH_RMSE), v -> Html.fixed(v, 2)));
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table></div>\n");
    b.append("<p class=\"sub\">Means over seeds with their interval in brackets (").append(esc(intervalName(figures)))
        .append(") where summary.json has aggregates, else the first completed seed. FD and KID are feature-space proxies, not FID (see below)")
        .append(s.realVsReal() != null && s.realVsReal().fdClassifier() != null
            ? "; real vs real FD-classifier at the same N: " + Html.sig(s.realVsReal().fdClassifier())
            : "")
        .append(".</p>\n");
    return b.toString();
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
        "Arm", "Status", "Adapter<br><small>width × depth, connector, scope, flow</small>", "Trainable params",
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

  private static String lossChart(RunFolder run, Map<String, java.awt.Color> colors) {
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
      b.append("<div class=\"chart-box\">")
          .append(LossChart.html(series, colors, Charts.vectorGraphicsAvailable())).append("</div>\n");
      b.append("<p class=\"sub\">").append(LossChart.logAxisHelps(series) ? "Log-scale y axis. " : "")
          .append("One line per arm; the backbone reference is not trained.");
      int window = LossChart.maxWindow(series);
      if (window > 1) {
        b.append(" Each seed's curve is smoothed with a centred moving average over ").append(window)
            .append(" logged steps (1/").append(LossChart.SMOOTHING_FRACTION)
            .append(" of the run), so the per-step noise of small batches does not hide the trend; the raw "
                + "values are in arms/NAME/metrics.jsonl.");
      }
      int seeds = LossChart.maxSeeds(series);
      if (seeds > 1) {
        b.append(" With several seeds, the thick line is the mean over seeds (of the smoothed curves) and the "
            + "two thin lines of the same colour are the lowest and highest seed at each step: a min–max band.");
      }
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
      h3{font-size:15px;margin:20px 0 6px}
      table.claims td{max-width:420px}
      .verdict{display:inline-block;font-size:13px;font-weight:600;padding:2px 10px;border-radius:10px;      white-space:nowrap}
      .verdict.holds{background:#dafbe1;color:#116329;border:1px solid #8fd19e}
      .verdict.does-not-hold{background:#ffebe9;color:#b3261e;border:1px solid #f5a8a0}
      .verdict.inconclusive{background:#eaeef2;color:#424a53;border:1px solid #c6cdd5}
      .verdict.not-testable{background:#fff8c5;color:#7d4e00;border:1px solid #e3c96b}
      .reason{font-size:12px;color:#24292f;margin-top:4px;max-width:360px}
      .rule{font-size:11.5px;color:#57606a;margin-top:4px;max-width:360px}
      tr.run-start td{border-top:2px solid #d0d7de}
      details.ratios{margin-top:10px;background:#fff}
      details{border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;background:#f6f8fa}
      summary{cursor:pointer;font-weight:600}
      """;
}
