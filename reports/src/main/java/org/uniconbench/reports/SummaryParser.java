package org.uniconbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

/**
 * Parses a run's summary ({@link RunFolder#SUMMARY}) into {@link RunSummary}: every field checked for its type, and a
 * field that is wrong fails with a {@link ReportException} naming the file and the JSON path
 * ({@code arms[2].ssim}). Only {@link RunFolder#open} calls it.
 */
final class SummaryParser {

    private SummaryParser() {
    }

    static RunSummary parseSummary(JsonNode root, Path file) {
        String f = file.toString();
        if (!root.isObject()) {
            throw new ReportException(
                    f + " must be a JSON object, found " + JsonFields.kind(root) + ": re-run the experiment");
        }
        JsonNode arms = root.get("arms");
        if (arms == null || !arms.isArray()) {
            throw new ReportException(
                    f + ": \"arms\" must be an array of arm rows, found " + JsonFields.kind(arms)
                            + ": the run may have stopped before writing results; re-run the experiment");
        }
        List<ArmResult> rows = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            rows.add(parseArm(arms.get(i), f + ": arms[" + i + "]"));
        }
        return new RunSummary(
                JsonFields.asText(root.get("experiment"), f + ": experiment"),
                JsonFields.asText(root.get("description"), f + ": description"),
                JsonFields.asText(root.get("status"), f + ": status"),
                rows,
                parseRealVsReal(root.get("realVsReal"), f + ": realVsReal"),
                parseList(root.get("aggregates"), f + ": aggregates", SummaryParser::parseAggregate),
                parseList(root.get("comparisons"), f + ": comparisons", SummaryParser::parseComparison),
                parseList(root.get("claims"), f + ": claims", SummaryParser::parseClaim),
                parseQualityGate(root.path("backbone").get("qualityGate"), f + ": backbone.qualityGate"),
                schemaVersion(root.get("schemaVersion"), f + ": schemaVersion"));
    }

    /** 0 when absent (older folders); a version newer than this code reads is refused with how to fix it. */
    private static int schemaVersion(JsonNode n, String at) {
        Integer v = JsonFields.asInt(n, at);
        if (v == null) {
            return 0;
        }
        if (v < 0 || v > RunSummary.SCHEMA_VERSION) {
            throw new ReportException(at + " = " + v + ": this harness reads versions 0.." + RunSummary.SCHEMA_VERSION
                    + "; read the folder with the harness version that wrote it (its provenance.json names the commit)");
        }
        return v;
    }

    private static QualityGate parseQualityGate(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new ReportException(at + " must be an object like {\"passed\":true,\"fdClassifier\":3.1,"
                    + "\"floor\":1.9,\"n\":128}, found " + JsonFields.kind(n));
        }
        JsonNode passed = n.get("passed");
        if (passed != null && !passed.isNull() && !passed.isBoolean()) {
            throw new ReportException(at + ".passed must be true, false or null, found " + passed);
        }
        return new QualityGate(passed == null || passed.isNull() ? null : passed.booleanValue(),
                JsonFields.asDouble(n.get("fdClassifier"), at + ".fdClassifier"),
                JsonFields.asDouble(n.get("floor"), at + ".floor"),
                JsonFields.asInt(n.get("n"), at + ".n"),
                JsonFields.asDouble(n.get("multiple"), at + ".multiple"),
                JsonFields.asText(n.get("reason"), at + ".reason"));
    }

    /** An optional array of objects: absent or null reads as empty. */
    private static <T> List<T> parseList(JsonNode n, String at,
            java.util.function.BiFunction<JsonNode, String, T> parse) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new ReportException(at + " must be an array, found " + JsonFields.kind(n));
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String where = at + "[" + i + "]";
            JsonNode e = n.get(i);
            if (e == null || !e.isObject()) {
                throw new ReportException(where + " must be an object, found " + JsonFields.kind(e));
            }
            out.add(parse.apply(e, where));
        }
        return out;
    }

    private static ArmAggregate parseAggregate(JsonNode n, String at) {
        return new ArmAggregate(
                JsonFields.asText(n.get("arm"), at + ".arm"),
                JsonFields.asText(n.get("method"), at + ".method"),
                JsonFields.asInt(n.get("n"), at + ".n"),
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
                JsonFields.asText(n.get("arm"), at + ".arm"),
                JsonFields.asText(n.get("reference"), at + ".reference"),
                JsonFields.asInt(n.get("n"), at + ".n"),
                parseEstimates(n.get("ratios"), at + ".ratios", "estimate"));
    }

    /** A claim: its interval under {@code interval}, or (older runs) as flat estimate, low, high and n. */
    private static Claim parseClaim(JsonNode n, String at) {
        JsonNode interval = n.get("interval");
        if (interval != null && !interval.isNull() && !interval.isObject()) {
            throw new ReportException(at + ".interval must be an object like {\"estimate\":0.9,\"low\":0.8,"
                    + "\"high\":1.0,\"level\":0.95,\"method\":\"paired log-ratio t\",\"n\":5}, found "
                    + JsonFields.kind(interval));
        }
        Estimate estimate = interval != null && interval.isObject()
                ? parseEstimate(interval, at + ".interval", "estimate")
                : parseEstimate(n, at, "estimate");
        return new Claim(
                JsonFields.asText(n.get("claim"), at + ".claim"),
                JsonFields.asText(n.get("paper"), at + ".paper"),
                JsonFields.asText(n.get("reading"), at + ".reading"),
                JsonFields.asText(n.get("readingText"), at + ".readingText"),
                JsonFields.asText(n.get("arm"), at + ".arm"),
                JsonFields.asText(n.get("reference"), at + ".reference"),
                JsonFields.asText(n.get("metric"), at + ".metric"),
                estimate,
                JsonFields.asText(n.get("verdict"), at + ".verdict"),
                JsonFields.asText(n.get("reason"), at + ".reason"),
                JsonFields.asText(n.get("rule"), at + ".rule"),
                JsonFields.asText(n.get("note"), at + ".note"));
    }

    /** A map of name to {VALUE_KEY, low, high, n}; null entries are left out. */
    private static Map<String, Estimate> parseEstimates(JsonNode n, String at, String valueKey) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw new ReportException(
                    at + " must be an object of {" + valueKey + ", low, high, n}, found " + JsonFields.kind(n));
        }
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String where = at + "." + e.getKey();
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isObject()) {
                throw new ReportException(where + " must be an object like {\"" + valueKey
                        + "\":0.7,\"low\":0.6,\"high\":0.8,\"n\":3}, found " + JsonFields.kind(v));
            }
            out.put(e.getKey(), parseEstimate(v, where, valueKey));
        }
        return out;
    }

    /** {VALUE_KEY, low, high, n} plus level and method where recorded; "mean" is an older run's "estimate". */
    private static Estimate parseEstimate(JsonNode n, String at, String valueKey) {
        String key = n.has(valueKey) || !n.has("estimate") ? valueKey : "estimate";
        return new Estimate(
                JsonFields.asDouble(n.get(key), at + "." + key),
                JsonFields.asDouble(n.get("low"), at + ".low"),
                JsonFields.asDouble(n.get("high"), at + ".high"),
                JsonFields.asInt(n.get("n"), at + ".n"),
                JsonFields.asDouble(n.get("level"), at + ".level"),
                JsonFields.asText(n.get("method"), at + ".method"));
    }

    private static FeatureProxies parseRealVsReal(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new ReportException(at + " must be an object, found " + JsonFields.kind(n));
        }
        return parseProxies(n, at);
    }

    private static FeatureProxies parseProxies(JsonNode n, String at) {
        return new FeatureProxies(
                JsonFields.asDouble(n.get("fdClassifier"), at + ".fdClassifier"),
                JsonFields.asDouble(n.get("kidClassifier"), at + ".kidClassifier"),
                JsonFields.asDouble(n.get("kidClassifierStd"), at + ".kidClassifierStd"),
                JsonFields.asDouble(n.get("fdRandom"), at + ".fdRandom"),
                JsonFields.asDouble(n.get("kidRandom"), at + ".kidRandom"),
                JsonFields.asDouble(n.get("kidRandomStd"), at + ".kidRandomStd"),
                JsonFields.asInt(n.get("featureN"), at + ".featureN"));
    }

    private static ArmResult parseArm(JsonNode a, String at) {
        if (a == null || !a.isObject()) {
            throw new ReportException(at + " must be an object, found " + JsonFields.kind(a));
        }
        String name = JsonFields.asText(a.get("name"), at + ".name");
        if (name == null || name.isBlank()) {
            throw new ReportException(at + ".name is missing: every arm row needs a name");
        }
        return new ArmResult(
                name,
                JsonFields.asText(a.get("method"), at + ".method"),
                JsonFields.asLong(a.get("seed"), at + ".seed"),
                JsonFields.asText(a.get("status"), at + ".status"),
                JsonFields.asText(a.get("error"), at + ".error"),
                JsonFields.asDouble(a.get("width"), at + ".width"),
                JsonFields.asInt(a.get("depth"), at + ".depth"),
                variant(JsonFields.asText(a.get("connector"), at + ".connector"),
                        JsonFields.asText(a.get("scope"), at + ".scope"),
                        JsonFields.asText(a.get("flow"), at + ".flow")),
                JsonFields.asLong(a.get("trainableParams"), at + ".trainableParams"),
                JsonFields.asLong(a.get("frozenParams"), at + ".frozenParams"),
                JsonFields.asLong(a.get("totalParams"), at + ".totalParams"),
                JsonFields.asLong(a.get("steps"), at + ".steps"),
                JsonFields.asInt(a.get("batchSize"), at + ".batchSize"),
                JsonFields.asDouble(a.get("trainSeconds"), at + ".trainSeconds"),
                JsonFields.asDouble(a.get("medianStepMs"), at + ".medianStepMs"),
                JsonFields.asDouble(a.get("p10StepMs"), at + ".p10StepMs"),
                JsonFields.asDouble(a.get("p90StepMs"), at + ".p90StepMs"),
                JsonFields.asDouble(a.get("imagesPerSecond"), at + ".imagesPerSecond"),
                JsonFields.asLong(a.get("peakMemoryBytes"), at + ".peakMemoryBytes"),
                JsonFields.asText(a.get("memoryMethod"), at + ".memoryMethod"),
                JsonFields.asDouble(a.get("finalLoss"), at + ".finalLoss"),
                JsonFields.asDouble(a.get("ssim"), at + ".ssim"),
                JsonFields.asDouble(a.get("psnr"), at + ".psnr"),
                JsonFields.asDouble(a.get("edgeF1"), at + ".edgeF1"),
                JsonFields.asDouble(a.get("maskIou"), at + ".maskIou"),
                JsonFields.asDouble(a.get("depthRmse"), at + ".depthRmse"),
                parseProxies(a, at),
                new ArmCost(
                        JsonFields.asDouble(a.get("medianDataMs"), at + ".medianDataMs"),
                        JsonFields.asDouble(a.get("medianForwardMs"), at + ".medianForwardMs"),
                        JsonFields.asDouble(a.get("medianBackwardMs"), at + ".medianBackwardMs"),
                        JsonFields.asDouble(a.get("medianOptimizerMs"), at + ".medianOptimizerMs"),
                        JsonFields.asLong(a.get("trainableWeightBytes"), at + ".trainableWeightBytes"),
                        JsonFields.asLong(a.get("gradientBytes"), at + ".gradientBytes"),
                        JsonFields.asLong(a.get("optimizerStateBytes"), at + ".optimizerStateBytes"),
                        JsonFields.asLong(a.get("frozenWeightBytes"), at + ".frozenWeightBytes")),
                metrics(a, at),
                tuning(a, at));
    }

    /** The row's learning rate and, with {@code lrSearch}, the seed it was searched on. */
    private static ArmTuning tuning(JsonNode a, String at) {
        JsonNode search = a.get("lrSearch");
        boolean searched = search != null && search.isObject();
        return new ArmTuning(JsonFields.asDouble(a.get("learningRate"), at + ".learningRate"),
                searched ? JsonFields.asLong(search.get("seed"), at + ".lrSearch.seed") : null, searched);
    }

    /** Every declared {@link Metric} the row holds a number for; a field of another type fails naming it. */
    private static Map<String, Double> metrics(JsonNode a, String at) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric m : Metric.all()) {
            Double v = JsonFields.asDouble(a.get(m.key()), at + "." + m.key());
            if (v != null) {
                out.put(m.key(), v);
            }
        }
        return out;
    }
}
