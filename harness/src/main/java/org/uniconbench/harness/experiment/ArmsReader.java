package org.uniconbench.harness.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ConnectorKind;
import org.uniconbench.baselines.control.Flow;
import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.control.Scope;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code arms:} block of an experiment file: each arm's name, method and adapter (width, depth,
 * connector, scope, flow, warm start), checked against the backbone; part of {@link ExperimentLoader}'s
 * one-pass validation, every problem collected with its path.
 */
final class ArmsReader {

    private static final Pattern ARM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    /** Arm names that would clash with the image columns of reports. */
    private static final Set<String> RESERVED_ARM_NAMES = Set.of("condition", "target", "backbone");
    private static final List<String> ARM_KEYS = List.of("name", "method", "adapter");
    private static final List<String> ADAPTER_KEYS = List.of("width", "depth", "connector", "scope", "flow", "init",
            "distill_steps", "distill_learning_rate");
    static final int MAX_ARMS = 16;

    private ArmsReader() {
    }

    /** The {@code arms:} list: 1 to {@value #MAX_ARMS} arms, names unique, each checked against the backbone. */
    static List<ArmSpec> read(MappingReader top, BackboneSpec backbone, Problems p) {
        String allowed = "a list of 1 to " + MAX_ARMS + " arms, each with a name and a method (controlnet or unicon)";
        List<ArmSpec> arms = new ArrayList<>();
        if (!top.require("arms", allowed)) {
            return arms;
        }
        List<Node> items = top.list("arms", allowed, "write one '- name: ...' entry per arm");
        if (items == null) {
            return arms;
        }
        if (items.isEmpty() || items.size() > MAX_ARMS) {
            p.add("arms", p.lineOf(1, "arms"), "arms has " + items.size() + " entries; allowed: " + allowed);
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            ArmSpec arm = arm(new MappingReader(p, "arms[" + i + "]", item, Problems.line(item), ARM_KEYS), backbone,
                    p);
            if (arm == null) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(arm.name(), i);
            if (earlier != null) {
                String path = "arms[" + i + "].name";
                p.add(path, p.lineOf(Problems.line(item), path), path + " = '" + arm.name() + "' repeats arms["
                        + earlier + "].name; allowed: a name no other arm has");
            }
            arms.add(arm);
        }
        return arms;
    }

    /** One arm, or null when its name or method is missing or wrong. */
    private static ArmSpec arm(MappingReader m, BackboneSpec backbone, Problems p) {
        String name = null;
        if (m.require("name", "a name matching " + ARM_NAME.pattern())) {
            name = ExperimentLoader.text(m, "name", ARM_NAME, "1 to 40 characters from A-Z a-z 0-9 . _ -", p);
            if (name != null && RESERVED_ARM_NAMES.contains(name)) {
                p.add(m.child("name"), p.lineOf(m.line(), m.child("name")), m.child("name") + " = '" + name
                        + "' is reserved for report columns; allowed: any other name, not condition, target or backbone");
            }
        }
        Method method = null;
        if (m.require("method", "one of controlnet, unicon")) {
            method = m.choice("method", null, Method.values(), Method::yamlName);
        }
        MappingReader a = m.section("adapter", ADAPTER_KEYS);
        double width = a.number("width", 1.0, Interval.openClosed(0, 1));
        int depth = backbone.resBlocks();
        Integer givenDepth = a.optionalInteger("depth", 1, 4);
        if (givenDepth != null && backbone.kind() == BackboneKind.DIT) {
            String path = a.child("depth");
            p.add(path, p.lineOf(a.line(), path), path + " applies to the U-Net's residual blocks per level; a dit "
                    + "adapter copies whole transformer blocks chosen by adapter.scope; remove depth");
        } else if (givenDepth != null) {
            depth = givenDepth;
            String path = a.child("depth");
            if (p.ok("backbone.res_blocks") && depth > backbone.resBlocks()) {
                p.add(path, p.lineOf(a.line(), path), path + " = " + depth + " is more than backbone.res_blocks = "
                        + backbone.resBlocks() + "; allowed: an integer in 1.." + backbone.resBlocks()
                        + ", or null for all blocks");
            }
        }
        ConnectorKind connector = a.optionalChoice("connector", ConnectorKind.values(), ConnectorKind::yamlName);
        if (connector == ConnectorKind.SHARED_ATTENTION && backbone.kind() != BackboneKind.DIT) {
            String path = a.child("connector");
            p.add(path, p.lineOf(a.line(), path), path + " = 'shared-attention' needs a backbone with attention; "
                    + "allowed for the U-Net: zero-conv, zero-mlp, zero-ft (or use backbone kind: dit)");
        }
        Scope scope = a.optionalChoice("scope", Scope.values(), Scope::yamlName);
        Flow flow = a.optionalChoice("flow", Flow.values(), Flow::yamlName);
        AdapterStart start = AdapterStart.read(a, p);
        if (name == null || method == null) {
            return null;
        }
        scope = scope != null ? scope : method.defaultScope();
        flow = flow != null ? flow : method.defaultFlow();
        String problem = scope.problem(flow, backbone.kind() == BackboneKind.DIT);
        if (problem != null) {
            String path = a.has("scope") ? a.child("scope") : a.has("flow") ? a.child("flow") : m.child("method");
            p.add(path, p.lineOf(a.line(), path), m.child("method") + " " + method.yamlName() + " with scope "
                    + scope.yamlName() + " and flow " + flow.yamlName() + " cannot work: " + problem);
        }
        if (start == null || !start.fits(flow, a, p)) {
            return null;
        }
        return new ArmSpec(name, new AdapterSpec(method, scope, flow, width, depth,
                connector != null ? connector : method.defaultConnector()), start);
    }
}
