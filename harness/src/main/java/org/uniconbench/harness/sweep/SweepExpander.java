package org.uniconbench.harness.sweep;

import org.uniconbench.harness.experiment.ExperimentException;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.experiment.ExperimentWriter;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.BadInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a sweep file into its points. The file is an experiment file with one more top-level key:
 *
 * <pre>
 * sweep:
 *   axes:
 *     training.learning_rate: [1.0e-4, 3.0e-4]
 *     arms[1].adapter.width: [0.5, 0.75, 1.0]
 *     seeds: [[0, 1], [2, 3]]
 * </pre>
 *
 * <p>Each axis names a key of the resolved experiment (as {@code unicon validate} prints it; list
 * items by {@code [index]}, from 0) and lists its values. Every point of the product is the
 * resolved base experiment with the axes' values put in, named {@code NAME-pINDEX}, and is checked
 * by {@link ExperimentLoader} like any file: all points are valid, or nothing runs. An axis that names
 * no key, or lists no value, is bad input naming it.
 */
public final class SweepExpander {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((\\[[0-9]+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)]");
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final int MAX_POINTS = 1000;

    private SweepExpander() {
    }

    /** Reads and expands a sweep file. */
    public static List<SweepPoint> expand(Path file) {
        try {
            return expand(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read the sweep file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /**
     * Expands sweep YAML.
     *
     * @param yamlText the file's text
     * @param source what to call it in messages
     * @return the points, each validated
     * @throws BadInputException for a missing or malformed {@code sweep:} block, an unknown key, an empty axis
     * @throws ExperimentException when the base experiment or a point is not a valid experiment
     */
    public static List<SweepPoint> expand(String yamlText, String source) {
        Map<String, Object> file = mapping(yamlText, source);
        Object sweep = file.remove("sweep");
        if (!(sweep instanceof Map<?, ?> sweepBlock) || !(sweepBlock.get("axes") instanceof Map<?, ?> axesBlock)
                || sweepBlock.size() != 1) {
            throw new BadInputException(source + ": a sweep file needs a block sweep: {axes: {KEY: [VALUES...]}} "
                    + "(and nothing else under sweep:), found " + sweep
                    + "; e.g. sweep: {axes: {training.learning_rate: [1.0e-4, 3.0e-4]}}");
        }
        if (axesBlock.isEmpty()) {
            throw new BadInputException(source + ": sweep.axes is empty; allowed: at least one KEY: [VALUES...]");
        }
        Experiment base = ExperimentLoader.parse(dump(file), source);
        Map<String, Object> resolved = ExperimentWriter.toMap(base);
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        long points = 1;
        for (Map.Entry<?, ?> axis : axesBlock.entrySet()) {
            String key = String.valueOf(axis.getKey());
            if (!(axis.getValue() instanceof List<?> values) || values.isEmpty()) {
                throw new BadInputException(source + ": sweep.axes." + key + " must list at least one value, found "
                        + axis.getValue() + "; e.g. " + key + ": [A, B]");
            }
            locate(resolved, key, source); // an unknown key fails here, before any point is built
            axes.put(key, new ArrayList<>(values));
            points *= values.size();
        }
        if (points > MAX_POINTS) {
            throw new BadInputException(source + ": the sweep has " + points + " points; allowed: at most " + MAX_POINTS
                    + " (split it into several sweep files)");
        }
        List<SweepPoint> result = new ArrayList<>();
        List<String> keys = new ArrayList<>(axes.keySet());
        for (int i = 0; i < points; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            int rest = i;
            for (int k = keys.size() - 1; k >= 0; k--) { // the last axis varies fastest
                List<Object> options = axes.get(keys.get(k));
                values.put(keys.get(k), options.get(rest % options.size()));
                rest /= options.size();
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            keys.forEach(k -> ordered.put(k, values.get(k)));
            Map<String, Object> point = deepCopy(resolved);
            ordered.forEach((k, v) -> set(point, k, numbers(v), source));
            String name = base.name().length() > 58 ? base.name().substring(0, 58) : base.name();
            point.put("name", name + "-p" + i);
            String where = source + " (sweep point " + i + ": " + describe(ordered) + ")";
            result.add(new SweepPoint(i, ordered, ExperimentLoader.parse(dump(point), where)));
        }
        return result;
    }

    private static String describe(Map<String, Object> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(String yamlText, String source) {
        try {
            Object root = new Yaml(new LoaderOptions()).load(yamlText);
            if (root instanceof Map<?, ?> map) {
                return new LinkedHashMap<>((Map<String, Object>) map);
            }
        } catch (YAMLException e) {
            throw new BadInputException(source + " is not valid YAML: " + e.getMessage());
        }
        throw new BadInputException(source + ": a sweep file must be a mapping: an experiment plus sweep: {axes: ...}");
    }

    /** The parent container and the last step of a key path, checking that every step exists. */
    private static Object[] locate(Map<String, Object> root, String key, String source) {
        String[] segments = key.split("\\.");
        Object node = root;
        Object parent = null;
        Object last = null;
        for (String segment : segments) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches() || !(node instanceof Map<?, ?> map) || !map.containsKey(m.group(1))) {
                throw unknown(key, source);
            }
            parent = map;
            last = m.group(1);
            node = map.get(m.group(1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                int i = Integer.parseInt(index.group(1));
                if (!(node instanceof List<?> list) || i >= list.size()) {
                    throw new BadInputException(source + ": sweep.axes." + key + " names no key: "
                            + (node instanceof List<?> list2 ? "the list has " + list2.size() + " items (indices 0.."
                                    + (list2.size() - 1) + ")" : "it is not a list")
                            + "; allowed: a key of the resolved experiment (unicon validate prints it)");
                }
                parent = list;
                last = i;
                node = list.get(i);
            }
        }
        return new Object[] {parent, last};
    }

    private static BadInputException unknown(String key, String source) {
        return new BadInputException(source + ": sweep.axes." + key + " names no key of the experiment; allowed: a "
                + "path of the resolved experiment as unicon validate prints it, such as training.learning_rate, "
                + "arms[1].adapter.width or seeds (list items by [index], from 0)");
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> root, String key, Object value, String source) {
        Object[] at = locate(root, key, source);
        if (at[0] instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put((String) at[1], value);
        } else {
            ((List<Object>) at[0]).set((Integer) at[1], value);
        }
    }

    /** SnakeYAML reads 1e-4 (no dot) as text; the experiment wants it as the number it is. */
    private static Object numbers(Object value) {
        if (value instanceof String s && NUMBER.matcher(s).matches()) {
            return INTEGER.matcher(s).matches() ? (Object) Long.parseLong(s) : (Object) Double.parseDouble(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SweepExpander::numbers).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    private static String dump(Map<String, Object> map) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(map);
    }
}
