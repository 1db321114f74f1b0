package org.uniconbench.harness.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our readings of the paper's "same adapter parameter size" (../shared/reference/method.md,
 * "Readings"), plus the two comparisons that are not about equal size. The paper does not say how
 * its equal-size UniCon is built, so each reading is its own row of the claims table, never "the"
 * claim. An arm pair is classified from its row fields ({@code method}, {@code scope}, {@code flow},
 * {@code adapterWidth}, {@code adapterInit}); rows written before those fields read as width
 * {@code width} and init {@code slice}, and before scopes as the method's preset.
 */
enum Reading {
    /** (a) One full copy, unidirectional vs bidirectional: the flow alone; equal parameters by construction. */
    FLOW_SWAPPED("a-flow-swapped", "(a) same architecture, flow swapped: a full-width full copy trained "
            + "unidirectionally vs the same copy trained bidirectionally (equal parameters by construction)"),
    /** (b) A full-width unidirectional copy of part of the network that starts as the backbone. */
    MATCHED_SCOPE("b-matched-scope", "(b) a full-width unidirectional copy of part of the network (DiT decoder "
            + "or skip-layer scope) with about ControlNet's parameters, which starts as the backbone, vs ControlNet"),
    /** (c) A width-sliced full copy, initialised from a slice of the backbone. */
    WIDTH_SLICE("c-width-slice", "(c) a width-sliced full unidirectional copy, initialised from a slice of "
            + "the backbone (not the backbone at step 0), vs ControlNet"),
    /** (c) The width-sliced copy warm-started by distillation. */
    WIDTH_DISTILL("c-width-distill", "(c) a width-sliced full unidirectional copy warm-started by distillation "
            + "to the backbone's noise prediction (its steps counted in its cost), vs ControlNet"),
    /** Both methods under one memory cap: the parameter ratio is the claim. */
    SAME_RESOURCES("same-resources", "both methods' widths chosen to fit one measured memory cap "
            + "(budget.mode: memory): the paper's \"twice the parameters at the same resources\""),
    /** A full copy with about twice ControlNet's parameters. */
    DOUBLE_SIZE("double-size", "a full unidirectional copy with at least 1.5x ControlNet's trainable parameters, "
            + "vs ControlNet");

    private final String id;
    private final String text;

    Reading(String id, String text) {
        this.id = id;
        this.text = text;
    }

    /** The reading as the run summary writes it, e.g. {@code c-width-slice}. */
    String id() {
        return id;
    }

    /** The reading in words. */
    String text() {
        return text;
    }

    /** The equal-size readings, in table order. */
    static final List<Reading> EQUAL_SIZE = List.of(FLOW_SWAPPED, MATCHED_SCOPE, WIDTH_SLICE, WIDTH_DISTILL);

    /**
     * An arm of a comparison and its reference, with the reading it stands for.
     *
     * @param reading the reading
     * @param arm the UniCon-side arm (numerator)
     * @param reference the arm it is compared with (denominator)
     */
    record Pair(Reading reading, String arm, String reference) {
    }

    /**
     * How an arm was built, from its first completed row, with old rows' missing fields filled.
     *
     * @param name arm name
     * @param method preset
     * @param scope copy scope
     * @param flow information flow
     * @param width adapter width
     * @param init {@code slice} or {@code distill}
     */
    record Shape(String name, String method, String scope, String flow, double width, String init) {

        static Shape of(Map<String, Object> row) {
            String method = String.valueOf(row.get("method"));
            boolean controlnet = "controlnet".equals(method);
            Object scope = row.get("scope");
            Object flow = row.get("flow");
            Object width = row.get("adapterWidth") != null ? row.get("adapterWidth") : row.get("width");
            Object init = row.get("adapterInit");
            return new Shape(String.valueOf(row.get("name")), method,
                    scope != null ? scope.toString() : controlnet ? "encoder" : "full",
                    flow != null ? flow.toString() : controlnet ? "bidirectional" : "unidirectional",
                    width instanceof Number n ? n.doubleValue() : 1.0,
                    init != null ? init.toString() : "slice");
        }

        boolean unidirectional() {
            return "unidirectional".equals(flow);
        }

        boolean fullWidth() {
            return width >= 1.0 - 1e-9;
        }

        /** ControlNet as published: an encoder copy, bidirectional. */
        boolean papersControlNet() {
            return "controlnet".equals(method) && "encoder".equals(scope) && "bidirectional".equals(flow);
        }

        /** UniCon as published: a full copy, unidirectional (any width). */
        boolean papersUnicon() {
            return "full".equals(scope) && unidirectional();
        }
    }

    /** Each arm's shape, in row order, without the uncontrolled backbone. */
    static List<Shape> shapes(List<Map<String, Object>> rows) {
        List<Shape> out = new ArrayList<>();
        for (String arm : SeedComparisons.armNames(rows)) {
            List<Map<String, Object>> done = SeedComparisons.completed(rows, arm);
            if (!done.isEmpty()) {
                out.add(Shape.of(done.get(0)));
            }
        }
        return out;
    }

    /** The reference of readings (b) and (c): the first arm that is ControlNet as published, or null. */
    static Shape controlNet(List<Shape> shapes) {
        return shapes.stream().filter(Shape::papersControlNet).findFirst().orElse(null);
    }

    /**
     * Every arm pair of the run that stands for an equal-size reading, in reading order then arm order.
     *
     * @param rows the run's rows
     * @return the pairs; empty when the run has arms for none
     */
    static List<Pair> equalSizePairs(List<Map<String, Object>> rows) {
        List<Shape> shapes = shapes(rows);
        Shape controlNet = controlNet(shapes);
        Shape bidirectionalFull = shapes.stream()
                .filter(s -> "full".equals(s.scope()) && !s.unidirectional() && s.fullWidth()).findFirst().orElse(null);
        List<Pair> out = new ArrayList<>();
        for (Reading reading : EQUAL_SIZE) {
            for (Shape s : shapes) {
                if (!s.unidirectional()) {
                    continue;
                }
                switch (reading) {
                    case FLOW_SWAPPED -> {
                        if (bidirectionalFull != null && "full".equals(s.scope()) && s.fullWidth()) {
                            out.add(new Pair(reading, s.name(), bidirectionalFull.name()));
                        }
                    }
                    case MATCHED_SCOPE -> {
                        if (controlNet != null && ("decoder".equals(s.scope()) || "skip-layer".equals(s.scope()))
                                && s.fullWidth()) {
                            out.add(new Pair(reading, s.name(), controlNet.name()));
                        }
                    }
                    case WIDTH_SLICE, WIDTH_DISTILL -> {
                        boolean distill = "distill".equals(s.init());
                        if (controlNet != null && "full".equals(s.scope()) && !s.fullWidth()
                                && distill == (reading == WIDTH_DISTILL)) {
                            out.add(new Pair(reading, s.name(), controlNet.name()));
                        }
                    }
                    default -> throw new IllegalStateException(reading.name());
                }
            }
        }
        return out;
    }
}
