package org.uniconbench.harness.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of the experiment file, read against the keys allowed at its place.
 *
 * <p>Construction reports keys that are not allowed (with the allowed list and the closest
 * spelling), duplicate keys and keys that are not plain names. An absent or null mapping reads as
 * empty, so every key takes its default. Getters return the default when a key is absent and after
 * a problem was recorded.
 */
final class MappingReader {

    private final Problems problems;
    private final String path;
    private final int line;
    private final List<String> allowed;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Integer> keyLines = new LinkedHashMap<>();

    /**
     * @param path         where the mapping sits, e.g. {@code arms[0].adapter}; empty for the top level
     * @param node         the mapping node, or null when the key is absent
     * @param fallbackLine line to blame for missing keys when {@code node} is null
     * @param allowed      allowed keys in schema order
     */
    MappingReader(Problems problems, String path, Node node, int fallbackLine, List<String> allowed) {
        this.problems = problems;
        this.path = path;
        this.allowed = allowed;
        this.line = node == null ? fallbackLine : Problems.line(node);
        if (node == null || node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            return;
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.add(path, line, where() + ": expected a mapping of keys, found " + Problems.show(node)
                    + "; allowed keys: " + String.join(", ", allowed));
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            readEntry(tuple.getKeyNode(), tuple.getValueNode());
        }
    }

    private void readEntry(Node keyNode, Node valueNode) {
        int keyLine = Problems.line(keyNode);
        if (!(keyNode instanceof ScalarNode scalarKey) || scalarKey.getTag().equals(Tag.NULL)) {
            problems.add(path, keyLine, where() + ": keys must be plain names, found " + Problems.show(keyNode)
                    + "; allowed keys: " + String.join(", ", allowed));
            return;
        }
        String key = scalarKey.getValue();
        String child = child(key);
        if (!allowed.contains(key)) {
            problems.add(child, keyLine, child + " is not a known key; allowed keys"
                    + (path.isEmpty() ? "" : " in " + path) + ": " + String.join(", ", allowed)
                    + Problems.didYouMean(key, allowed));
        } else if (values.containsKey(key)) {
            problems.add(child, keyLine, child + " is given twice (first on line " + keyLines.get(key)
                    + "); allowed: each key once");
        } else {
            values.put(key, valueNode);
            keyLines.put(key, keyLine);
            problems.remember(child, valueNode);
        }
    }

    /** The path of a key of this mapping, e.g. {@code training.steps}. */
    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Line of this mapping (or of the place it would be when absent). */
    int line() {
        return line;
    }

    /** True when the key is present with a non-null value. */
    boolean has(String key) {
        Node node = values.get(key);
        return node != null && !(node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL));
    }

    /** The value node of a key, or null when absent. */
    Node node(String key) {
        return values.get(key);
    }

    /** Records "missing required key" unless the key is present; returns whether it is. */
    boolean require(String key, String allowedText) {
        if (values.containsKey(key)) {
            return true;
        }
        String owner = path.isEmpty() ? "the file" : path;
        problems.add(child(key), line, owner + " is missing required key '" + key + "'; allowed: " + allowedText);
        return false;
    }

    /** Records a problem when a key that the chosen kind does not use is given a value. */
    void notApplicable(String key, String why) {
        if (has(key)) {
            problems.add(child(key), keyLines.get(key), child(key) + " = " + Problems.show(values.get(key))
                    + " does not apply: " + why + "; allowed: leave it out");
        }
    }

    /** An integer in {@code min..max}, or {@code fallback}. */
    int integer(String key, int fallback, int min, int max) {
        Node node = values.get(key);
        if (node == null) {
            return fallback;
        }
        Integer value = problems.integer(child(key), node, min, max);
        return value == null ? fallback : value;
    }

    /** An integer in {@code min..max}, null when absent or written as null. */
    Integer optionalInteger(String key, int min, int max) {
        return has(key) ? problems.integer(child(key), values.get(key), min, max) : null;
    }

    /** An integer that must be one of {@code choices}, or {@code fallback}. */
    int integerOneOf(String key, int fallback, int... choices) {
        int min = choices[0];
        int max = choices[choices.length - 1];
        int value = integer(key, fallback, min, max);
        for (int choice : choices) {
            if (choice == value) {
                return value;
            }
        }
        StringBuilder list = new StringBuilder();
        for (int choice : choices) {
            list.append(list.length() == 0 ? "" : ", ").append(choice);
        }
        problems.add(child(key), keyLines.get(key),
                child(key) + " = " + value + " is not allowed; allowed: one of " + list);
        return fallback;
    }

    /** A number inside {@code range}, or {@code fallback}. */
    double number(String key, double fallback, Interval range) {
        Node node = values.get(key);
        if (node == null) {
            return fallback;
        }
        Double value = problems.number(child(key), node, range);
        return value == null ? fallback : value;
    }

    /** Text, null when absent or written as null. */
    String optionalText(String key, String allowedText) {
        Node node = values.get(key);
        return node == null ? null : problems.textOrNull(child(key), node, allowedText);
    }

    /** An enum constant by its YAML name, or {@code fallback} when absent; null is a problem. */
    <E extends Enum<E>> E choice(String key, E fallback, E[] constants, Function<E, String> yamlName) {
        Node node = values.get(key);
        if (node == null) {
            return fallback;
        }
        E value = problems.choice(child(key), node, constants, yamlName);
        return value == null ? fallback : value;
    }

    /** An enum constant by its YAML name, null when absent or written as null. */
    <E extends Enum<E>> E optionalChoice(String key, E[] constants, Function<E, String> yamlName) {
        return has(key) ? problems.choice(child(key), values.get(key), constants, yamlName) : null;
    }

    /**
     * The items of a list, null when absent; a scalar or mapping is a problem whose message ends
     * with {@code hint} (such as "write seeds: [3]").
     */
    List<Node> list(String key, String allowedText, String hint) {
        Node node = values.get(key);
        if (node == null) {
            return null;
        }
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        problems.add(child(key), Problems.line(node), child(key) + ": expected a list, found " + Problems.show(node)
                + "; allowed: " + allowedText + "; " + hint);
        return null;
    }

    /** {@code true} or {@code false}, {@code fallback} when absent; anything else is a problem. */
    boolean bool(String key, boolean fallback) {
        Node node = values.get(key);
        if (node == null) {
            return fallback;
        }
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)
                && (scalar.getValue().equalsIgnoreCase("true") || scalar.getValue().equalsIgnoreCase("false"))) {
            return scalar.getValue().equalsIgnoreCase("true");
        }
        problems.add(child(key), Problems.line(node), child(key) + " = " + Problems.show(node)
                + " is not allowed; allowed: true or false");
        return fallback;
    }

    /** A nested mapping at {@code key}; absent reads as empty. */
    MappingReader section(String key, List<String> allowedKeys) {
        Integer keyLine = keyLines.get(key);
        return new MappingReader(problems, child(key), values.get(key), keyLine == null ? line : keyLine, allowedKeys);
    }

    private String where() {
        return path.isEmpty() ? "the file" : path;
    }
}
