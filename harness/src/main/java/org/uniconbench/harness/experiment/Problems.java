package org.uniconbench.harness.experiment;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Collects the problems of one experiment file and turns YAML scalars into checked Java values.
 *
 * <p>Every read either returns a value or records a problem naming the path, the line, the value
 * found and what is allowed, then returns {@code null} so reading goes on and all problems of the
 * file are reported together. Paths that had a problem are remembered so cross-field checks skip
 * values that are already known to be wrong.
 */
final class Problems {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private final String source;
    private final List<ExperimentException.Problem> found = new ArrayList<>();
    private final Set<String> failedPaths = new HashSet<>();
    private final Map<String, Integer> lines = new HashMap<>();

    Problems(String source) {
        this.source = source;
    }

    /** Records a problem at {@code path}; {@code message} should start with the path. */
    void add(String path, int line, String message) {
        found.add(new ExperimentException.Problem(source, line, path, message));
        failedPaths.add(path);
    }

    /** Throws all recorded problems, sorted by line, if there are any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            List<ExperimentException.Problem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(ExperimentException.Problem::line));
            throw new ExperimentException(sorted);
        }
    }

    /** True when none of the paths, nor anything below them, had a problem. */
    boolean ok(String... paths) {
        for (String path : paths) {
            for (String failed : failedPaths) {
                if (failed.equals(path) || failed.startsWith(path + ".") || failed.startsWith(path + "[")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Remembers where the value of {@code path} was written. */
    void remember(String path, Node node) {
        lines.put(path, line(node));
    }

    /** Whether {@code path} was written in the file (with any value, null included). */
    boolean written(String path) {
        return lines.containsKey(path);
    }

    /** The line of the first of {@code paths} that was written in the file, else {@code fallback}. */
    int lineOf(int fallback, String... paths) {
        for (String path : paths) {
            Integer line = lines.get(path);
            if (line != null) {
                return line;
            }
        }
        return fallback;
    }

    // ---- scalar conversion: each returns null after recording a problem ----

    /** An integer in {@code min..max}. */
    Integer integer(String path, Node node, long min, long max) {
        String allowed = "an integer in " + min + ".." + max;
        String text = plainScalar(path, node, "an integer", allowed);
        if (text == null) {
            return null;
        }
        String digits = ((ScalarNode) node).getTag().equals(Tag.INT) ? text.replace("_", "") : text;
        if (!INTEGER.matcher(digits).matches()) {
            add(path, line(node), path + ": expected an integer, found '" + text + "'; allowed: " + allowed);
            return null;
        }
        BigInteger value = new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            add(path, line(node), path + " = " + text + " is out of range; allowed: " + allowed);
            return null;
        }
        return value.intValueExact();
    }

    /** A finite number inside {@code range}. */
    Double number(String path, Node node, Interval range) {
        String text = plainScalar(path, node, "a number", range.describe());
        if (text == null) {
            return null;
        }
        String digits = text.replace("_", "");
        if (!NUMBER.matcher(digits).matches()) {
            add(path, line(node), path + ": expected a number, found '" + text + "'; allowed: " + range.describe());
            return null;
        }
        double value = Double.parseDouble(digits);
        if (!range.contains(value)) {
            add(path, line(node), path + " = " + text + " is out of range; allowed: " + range.describe());
            return null;
        }
        return value;
    }

    /** Any scalar as text ({@code null} for a YAML null, without a problem). */
    String textOrNull(String path, Node node, String allowed) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
        }
        add(path, line(node), path + ": expected a text value, found " + show(node) + "; allowed: " + allowed);
        return null;
    }

    /** One of the enum constants, spelled as {@code yamlName} spells it. */
    <E extends Enum<E>> E choice(String path, Node node, E[] values, Function<E, String> yamlName) {
        List<String> names = new ArrayList<>();
        for (E value : values) {
            names.add(yamlName.apply(value));
        }
        String allowed = "one of " + String.join(", ", names);
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            add(path, line(node), path + ": expected a name, found " + show(node) + "; allowed: " + allowed);
            return null;
        }
        for (E value : values) {
            if (yamlName.apply(value).equals(scalar.getValue())) {
                return value;
            }
        }
        add(path, line(node), path + " = " + show(node) + " is not allowed; allowed: " + allowed
                + didYouMean(scalar.getValue(), names));
        return null;
    }

    /**
     * The text of a plain (unquoted, non-null) scalar, or null after recording a type problem.
     */
    private String plainScalar(String path, Node node, String expected, String allowed) {
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            if (scalar.isPlain()) {
                return scalar.getValue();
            }
            add(path, line(node), path + ": expected " + expected + ", found the quoted text " + show(node)
                    + " (remove the quotes); allowed: " + allowed);
            return null;
        }
        String hint = node instanceof ScalarNode ? " (leave the key out to use the default)" : "";
        add(path, line(node),
                path + ": expected " + expected + ", found " + show(node) + hint + "; allowed: " + allowed);
        return null;
    }

    // ---- helpers shared with MappingReader and the loader ----

    /** 1-based line where a node starts. */
    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** A node as it should appear in a message: numbers bare, text quoted, collections described. */
    static String show(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return "null";
        }
        if (scalar.isPlain() && (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL))) {
            return scalar.getValue();
        }
        return "'" + scalar.getValue() + "'";
    }

    /** "; did you mean 'x'?" for the closest candidate within edit distance 2, else "". */
    static String didYouMean(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = 3;
        String normalised = normalise(given);
        for (String candidate : candidates) {
            int distance = normalise(candidate).equals(normalised) ? 0 : editDistance(given, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** Lower case without '_' and '-', so learningRate, learning-rate and LEARNING_RATE match. */
    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
