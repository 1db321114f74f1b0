package org.uniconbench.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only view of a run folder written by the harness.
 *
 * <p>Layout:
 *
 * <pre>
 * RUN_DIR/
 *   summary.json                  required: {@link RunSummary}
 *   provenance.json               optional: flat object of strings
 *   experiment.yaml               optional: the resolved experiment, verbatim
 *   arms/NAME/metrics.jsonl       optional: {"step":10,"loss":0.12,"stepMs":51.2} per line
 *                                 (plus "seed" when the experiment has several seeds)
 *   samples/index.json            optional: {@link SampleIndex}
 *   samples/COLUMN/000.png ...    optional: one grayscale PNG per sample and column
 * </pre>
 *
 * <p>{@link #open(Path)} reads {@code summary.json} eagerly and fails with a
 * {@link ReportException} when it is missing or invalid. Optional files are read on demand: a
 * missing optional file gives an empty result, an invalid one a {@link ReportException} naming
 * the file.
 */
public final class RunFolder {
  /** Summary file name (the one required file). */
  public static final String SUMMARY = "summary.json";
  /** Provenance file name. */
  public static final String PROVENANCE = "provenance.json";
  /** Resolved experiment file name. */
  public static final String EXPERIMENT = "experiment.yaml";
  /** Folder holding one sub-folder per arm. */
  public static final String ARMS = "arms";
  /** Per-arm metrics file name. */
  public static final String METRICS = "metrics.jsonl";
  /** Folder holding sample images. */
  public static final String SAMPLES = "samples";
  /** Sample index file name inside {@link #SAMPLES}. */
  public static final String SAMPLE_INDEX = "index.json";

  // NaN/Infinity tokens are accepted: a diverged loss is worth showing, not worth crashing on.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

  private final Path dir;
  private final RunSummary summary;
  private final List<Map<String, Object>> armFields;

  private RunFolder(Path dir, RunSummary summary, List<Map<String, Object>> armFields) {
    this.dir = dir;
    this.summary = summary;
    this.armFields = armFields;
  }

  /**
   * Opens a run folder and reads its {@code summary.json}.
   *
   * @throws ReportException if {@code runDir} is not a folder, or its summary.json is missing or
   *     invalid
   */
  public static RunFolder open(Path runDir) {
    Path dir = runDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new ReportException(
          dir + " is not a folder: pass the run folder the harness printed (under runs/)");
    }
    Path file = dir.resolve(SUMMARY);
    if (!Files.isRegularFile(file)) {
      throw new ReportException(
          file + " not found: is this a run folder? run `unicon run EXPERIMENT.yaml` first");
    }
    JsonNode root = readJson(file);
    RunSummary summary = parseSummary(root, file); // checks the rows before they are read untyped
    return new RunFolder(dir, summary, ArmFields.of(root.get("arms")));
  }

  /** Returns the run folder's absolute path. */
  public Path dir() {
    return dir;
  }

  /** Returns the parsed {@code summary.json}. */
  public RunSummary summary() {
    return summary;
  }

  /**
   * Returns every field of every arm row as written (one map per row, in file order), for tables
   * whose columns follow the rows' fields; see {@link ArmFields}.
   */
  public List<Map<String, Object>> armFields() {
    return armFields;
  }

  /**
   * Returns {@code provenance.json} as an ordered map (file order); non-string values are
   * rendered as their JSON text. Empty when the file is missing.
   *
   * @throws ReportException if the file exists but is not a JSON object
   */
  public Map<String, String> provenance() {
    Path file = dir.resolve(PROVENANCE);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    JsonNode root = readJson(file);
    if (!root.isObject()) {
      throw new ReportException(
          file + " must be a JSON object of strings, found " + kind(root) + ": re-run the experiment");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      out.put(e.getKey(), v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns {@code experiment.yaml} verbatim, or empty when the file is missing.
   *
   * @throws ReportException if the file exists but cannot be read
   */
  public Optional<String> experimentYaml() {
    Path file = dir.resolve(EXPERIMENT);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ReportException(file + " could not be read as UTF-8 text: " + e.getMessage(), e);
    }
  }

  /** Returns the path of an arm's {@code metrics.jsonl}, whether or not it exists. */
  public Path metricsPath(String arm) {
    return dir.resolve(ARMS).resolve(checkName("arm name", arm)).resolve(METRICS);
  }

  /**
   * Returns the training loss of one arm, in file order, as (step, loss) pairs.
   *
   * <p>Lines without a finite loss (null, NaN) are skipped, as is a truncated last line (a run
   * killed while writing). Empty when the file is missing, e.g. for the backbone row.
   *
   * @throws ReportException if a line other than the last is not a JSON object with a numeric
   *     {@code step}
   */
  public List<LossPoint> lossSeries(String arm) {
    Path file = metricsPath(arm);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException(file + " could not be read: " + e.getMessage(), e);
    }
    int last = lines.size() - 1;
    while (last >= 0 && lines.get(last).isBlank()) {
      last--;
    }
    List<LossPoint> out = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      JsonNode row;
      try {
        row = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        if (i == last) {
          break; // truncated final line: the writer was interrupted
        }
        throw new ReportException(
            file + ":" + (i + 1) + " is not valid JSON (" + e.getOriginalMessage()
                + "): each line must be {\"step\":N,\"loss\":X}", e);
      }
      String where = file + ":" + (i + 1);
      if (row == null || !row.isObject()) {
        throw new ReportException(where + " must be a JSON object like {\"step\":10,\"loss\":0.12}");
      }
      Long step = asLong(row.get("step"), where + " step");
      Double loss = asDouble(row.get("loss"), where + " loss");
      Long seed = asLong(row.get("seed"), where + " seed");
      if (step == null) {
        throw new ReportException(where + " has no \"step\": each line needs the step it was logged at");
      }
      if (loss != null && Double.isFinite(loss)) {
        out.add(new LossPoint(step, loss, seed));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns {@code samples/index.json}, or empty when the run saved no samples.
   *
   * @throws ReportException if the file exists but is invalid
   */
  public Optional<SampleIndex> sampleIndex() {
    Path file = dir.resolve(SAMPLES).resolve(SAMPLE_INDEX);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode root = readJson(file);
    String where = file.toString();
    if (!root.isObject()) {
      throw new ReportException(where + " must be an object like {\"count\":8,\"columns\":[...]}");
    }
    Long count = asLong(root.get("count"), where + " count");
    if (count == null || count < 0 || count > Integer.MAX_VALUE) {
      throw new ReportException(where + ": count must be a non-negative integer, found " + root.get("count"));
    }
    JsonNode cols = root.get("columns");
    if (cols == null || !cols.isArray()) {
      throw new ReportException(where + ": columns must be an array of column names, found " + kind(cols));
    }
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      JsonNode c = cols.get(i);
      if (!c.isTextual()) {
        throw new ReportException(where + ": columns[" + i + "] must be a string, found " + c);
      }
      columns.add(checkName(where + ": columns[" + i + "]", c.asText()));
    }
    return Optional.of(new SampleIndex(count.intValue(), columns));
  }

  /** Returns the path of sample {@code index} of {@code column}, whether or not it exists. */
  public Path samplePath(String column, int index) {
    return dir.resolve(SAMPLES)
        .resolve(checkName("sample column", column))
        .resolve(String.format(Locale.ROOT, "%03d.png", index));
  }

  // ---------------------------------------------------------------- parsing

  private static RunSummary parseSummary(JsonNode root, Path file) {
    String f = file.toString();
    if (!root.isObject()) {
      throw new ReportException(f + " must be a JSON object, found " + kind(root) + ": re-run the experiment");
    }
    JsonNode arms = root.get("arms");
    if (arms == null || !arms.isArray()) {
      throw new ReportException(
          f + ": \"arms\" must be an array of arm rows, found " + kind(arms)
              + ": the run may have stopped before writing results; re-run the experiment");
    }
    List<ArmResult> rows = new ArrayList<>();
    for (int i = 0; i < arms.size(); i++) {
      rows.add(parseArm(arms.get(i), f + ": arms[" + i + "]"));
    }
    return new RunSummary(
        asText(root.get("experiment"), f + ": experiment"),
        asText(root.get("description"), f + ": description"),
        asText(root.get("status"), f + ": status"),
        rows,
        parseRealVsReal(root.get("realVsReal"), f + ": realVsReal"),
        parseList(root.get("aggregates"), f + ": aggregates", RunFolder::parseAggregate),
        parseList(root.get("comparisons"), f + ": comparisons", RunFolder::parseComparison),
        parseList(root.get("claims"), f + ": claims", RunFolder::parseClaim),
        parseQualityGate(root.path("backbone").get("qualityGate"), f + ": backbone.qualityGate"));
  }

  private static QualityGate parseQualityGate(JsonNode n, String at) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new ReportException(at + " must be an object like {\"passed\":true,\"fdClassifier\":3.1,"
          + "\"floor\":1.9,\"n\":128}, found " + kind(n));
    }
    JsonNode passed = n.get("passed");
    if (passed != null && !passed.isNull() && !passed.isBoolean()) {
      throw new ReportException(at + ".passed must be true, false or null, found " + passed);
    }
    return new QualityGate(passed == null || passed.isNull() ? null : passed.booleanValue(),
        asDouble(n.get("fdClassifier"), at + ".fdClassifier"),
        asDouble(n.get("floor"), at + ".floor"),
        asInt(n.get("n"), at + ".n"),
        asDouble(n.get("multiple"), at + ".multiple"),
        asText(n.get("reason"), at + ".reason"));
  }

  /** An optional array of objects: absent or null reads as empty. */
  private static <T> List<T> parseList(JsonNode n, String at, java.util.function.BiFunction<JsonNode, String, T> parse) {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new ReportException(at + " must be an array, found " + kind(n));
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      String where = at + "[" + i + "]";
      JsonNode e = n.get(i);
      if (e == null || !e.isObject()) {
        throw new ReportException(where + " must be an object, found " + kind(e));
      }
      out.add(parse.apply(e, where));
    }
    return out;
  }

  private static ArmAggregate parseAggregate(JsonNode n, String at) {
    return new ArmAggregate(
        asText(n.get("arm"), at + ".arm"),
        asText(n.get("method"), at + ".method"),
        asInt(n.get("n"), at + ".n"),
        parseEstimates(n.get("metrics"), at + ".metrics", "mean"));
  }

  /** The connector, then scope and flow where the row records them (runs before the ablations do not). */
  private static String variant(String connector, String scope, String flow) {
    if (scope == null && flow == null) {
      return connector;
    }
    StringBuilder b = new StringBuilder(connector == null ? "" : connector);
    for (String part : new String[] {scope, flow}) {
      if (part != null) {
        b.append(b.length() == 0 ? "" : ", ").append(part);
      }
    }
    return b.toString();
  }

  private static Comparison parseComparison(JsonNode n, String at) {
    return new Comparison(
        asText(n.get("arm"), at + ".arm"),
        asText(n.get("reference"), at + ".reference"),
        asInt(n.get("n"), at + ".n"),
        parseEstimates(n.get("ratios"), at + ".ratios", "estimate"));
  }

  /** A claim: its interval under {@code interval}, or (older runs) as flat estimate, low, high and n. */
  private static Claim parseClaim(JsonNode n, String at) {
    JsonNode interval = n.get("interval");
    if (interval != null && !interval.isNull() && !interval.isObject()) {
      throw new ReportException(at + ".interval must be an object like {\"estimate\":0.9,\"low\":0.8,"
          + "\"high\":1.0,\"level\":0.95,\"method\":\"paired log-ratio t\",\"n\":5}, found " + kind(interval));
    }
    Estimate estimate = interval != null && interval.isObject()
        ? parseEstimate(interval, at + ".interval", "estimate")
        : parseEstimate(n, at, "estimate");
    return new Claim(
        asText(n.get("claim"), at + ".claim"),
        asText(n.get("paper"), at + ".paper"),
        asText(n.get("reading"), at + ".reading"),
        asText(n.get("readingText"), at + ".readingText"),
        asText(n.get("arm"), at + ".arm"),
        asText(n.get("reference"), at + ".reference"),
        asText(n.get("metric"), at + ".metric"),
        estimate,
        asText(n.get("verdict"), at + ".verdict"),
        asText(n.get("reason"), at + ".reason"),
        asText(n.get("rule"), at + ".rule"));
  }

  /** A map of name to {VALUE_KEY, low, high, n}; null entries are left out. */
  private static Map<String, Estimate> parseEstimates(JsonNode n, String at, String valueKey) {
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new ReportException(at + " must be an object of {" + valueKey + ", low, high, n}, found " + kind(n));
    }
    Map<String, Estimate> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      String where = at + "." + e.getKey();
      if (v == null || v.isNull()) {
        continue;
      }
      if (!v.isObject()) {
        throw new ReportException(where + " must be an object like {\"" + valueKey
            + "\":0.7,\"low\":0.6,\"high\":0.8,\"n\":3}, found " + kind(v));
      }
      out.put(e.getKey(), parseEstimate(v, where, valueKey));
    }
    return out;
  }

  /** {VALUE_KEY, low, high, n} plus level and method where recorded; "mean" is an older run's "estimate". */
  private static Estimate parseEstimate(JsonNode n, String at, String valueKey) {
    String key = n.has(valueKey) || !n.has("estimate") ? valueKey : "estimate";
    return new Estimate(
        asDouble(n.get(key), at + "." + key),
        asDouble(n.get("low"), at + ".low"),
        asDouble(n.get("high"), at + ".high"),
        asInt(n.get("n"), at + ".n"),
        asDouble(n.get("level"), at + ".level"),
        asText(n.get("method"), at + ".method"));
  }

  private static FeatureProxies parseRealVsReal(JsonNode n, String at) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new ReportException(at + " must be an object, found " + kind(n));
    }
    return parseProxies(n, at);
  }

  private static FeatureProxies parseProxies(JsonNode n, String at) {
    return new FeatureProxies(
        asDouble(n.get("fdClassifier"), at + ".fdClassifier"),
        asDouble(n.get("kidClassifier"), at + ".kidClassifier"),
        asDouble(n.get("kidClassifierStd"), at + ".kidClassifierStd"),
        asDouble(n.get("fdRandom"), at + ".fdRandom"),
        asDouble(n.get("kidRandom"), at + ".kidRandom"),
        asDouble(n.get("kidRandomStd"), at + ".kidRandomStd"),
        asInt(n.get("featureN"), at + ".featureN"));
  }

  private static ArmResult parseArm(JsonNode a, String at) {
    if (a == null || !a.isObject()) {
      throw new ReportException(at + " must be an object, found " + kind(a));
    }
    String name = asText(a.get("name"), at + ".name");
    if (name == null || name.isBlank()) {
      throw new ReportException(at + ".name is missing: every arm row needs a name");
    }
    return new ArmResult(
        name,
        asText(a.get("method"), at + ".method"),
        asLong(a.get("seed"), at + ".seed"),
        asText(a.get("status"), at + ".status"),
        asText(a.get("error"), at + ".error"),
        asDouble(a.get("width"), at + ".width"),
        asInt(a.get("depth"), at + ".depth"),
        variant(asText(a.get("connector"), at + ".connector"), asText(a.get("scope"), at + ".scope"),
            asText(a.get("flow"), at + ".flow")),
        asLong(a.get("trainableParams"), at + ".trainableParams"),
        asLong(a.get("frozenParams"), at + ".frozenParams"),
        asLong(a.get("totalParams"), at + ".totalParams"),
        asLong(a.get("steps"), at + ".steps"),
        asInt(a.get("batchSize"), at + ".batchSize"),
        asDouble(a.get("trainSeconds"), at + ".trainSeconds"),
        asDouble(a.get("medianStepMs"), at + ".medianStepMs"),
        asDouble(a.get("p10StepMs"), at + ".p10StepMs"),
        asDouble(a.get("p90StepMs"), at + ".p90StepMs"),
        asDouble(a.get("imagesPerSecond"), at + ".imagesPerSecond"),
        asLong(a.get("peakMemoryBytes"), at + ".peakMemoryBytes"),
        asText(a.get("memoryMethod"), at + ".memoryMethod"),
        asDouble(a.get("finalLoss"), at + ".finalLoss"),
        asDouble(a.get("ssim"), at + ".ssim"),
        asDouble(a.get("psnr"), at + ".psnr"),
        asDouble(a.get("edgeF1"), at + ".edgeF1"),
        asDouble(a.get("maskIou"), at + ".maskIou"),
        asDouble(a.get("depthRmse"), at + ".depthRmse"),
        parseProxies(a, at),
        new ArmCost(
            asDouble(a.get("medianDataMs"), at + ".medianDataMs"),
            asDouble(a.get("medianForwardMs"), at + ".medianForwardMs"),
            asDouble(a.get("medianBackwardMs"), at + ".medianBackwardMs"),
            asDouble(a.get("medianOptimizerMs"), at + ".medianOptimizerMs"),
            asLong(a.get("trainableWeightBytes"), at + ".trainableWeightBytes"),
            asLong(a.get("gradientBytes"), at + ".gradientBytes"),
            asLong(a.get("optimizerStateBytes"), at + ".optimizerStateBytes"),
            asLong(a.get("frozenWeightBytes"), at + ".frozenWeightBytes")));
  }

  private static JsonNode readJson(Path file) {
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (node == null || node.isMissingNode()) {
        throw new ReportException(
            file + " is empty: the run may have been interrupted while writing it; re-run the experiment");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String pos = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new ReportException(
          file + " is not valid JSON" + pos + " (" + e.getOriginalMessage()
              + "): the run may have been interrupted while writing it; re-run the experiment", e);
    } catch (IOException e) {
      throw new ReportException(file + " could not be read: " + e.getMessage(), e);
    }
  }

  private static String asText(JsonNode n, String at) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw new ReportException(at + " must be a string, found " + kind(n));
    }
    return n.asText();
  }

  private static Double asDouble(JsonNode n, String at) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isTextual()) { // "NaN", "Infinity" or a quoted number
      try {
        return Double.valueOf(n.asText().trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new ReportException(at + " must be a number or null, found " + n);
  }

  private static Long asLong(JsonNode n, String at) {
    Double d = asDouble(n, at);
    if (d == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.longValue();
    }
    if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 0x1p53) {
      throw new ReportException(at + " must be a whole number or null, found " + n);
    }
    return d.longValue();
  }

  private static Integer asInt(JsonNode n, String at) {
    Long l = asLong(n, at);
    if (l == null) {
      return null;
    }
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new ReportException(at + " is out of range for an int, found " + l);
    }
    return l.intValue();
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** Arm and column names become folder names: refuse anything that could leave the run folder. */
  private static String checkName(String what, String name) {
    if (name == null
        || name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0
        || name.indexOf('\0') >= 0) {
      throw new ReportException(
          what + " must be a plain folder name (no '/', '\\', '.' or '..'), found \"" + name + "\"");
    }
    return name;
  }
}
