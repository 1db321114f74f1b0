package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.control.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code budget:} block of an experiment file (its mode is read with the top level, since other
 * blocks' defaults depend on it): the numbers of that mode, the memory cap ({@link MemoryCapReader}),
 * and the widths a budget search pinned; part of {@link ExperimentLoader}'s one-pass validation.
 */
final class BudgetReader {

    private BudgetReader() {
    }

    /**
     * The budget's numbers belong to its mode; a width the budget chooses may not be written in the
     * arm, and may be pinned under {@code widths} (the runner writes the widths it chose there).
     */
    static BudgetSpec read(MappingReader m, BudgetMode mode, List<ArmSpec> arms, Problems p) {
        if (!p.ok(m.child("mode"))) {
            return BudgetSpec.STEPS;
        }
        // a missing or wrong number leaves a placeholder of 1: the problem is thrown before it is used
        double seconds = mode == BudgetMode.TIME ? 1 : 0;
        if (mode == BudgetMode.TIME) {
            if (m.require("seconds", "training wall time per arm and seed, a number in (0, 10000000]")) {
                seconds = m.number("seconds", 1, Interval.openClosed(0, 10_000_000));
            }
        } else {
            m.notApplicable("seconds", "seconds only applies to mode time, and budget.mode is " + mode.yamlName());
        }
        MemoryCapReader.Cap cap = MemoryCapReader.read(m, mode, arms, p);
        BudgetSpec unpinned = new BudgetSpec(mode, seconds, cap.memoryMb(), Map.of(), cap.capFrom(), cap.capBytes());
        if (mode != BudgetMode.PARAMS && mode != BudgetMode.MEMORY) {
            m.notApplicable("widths", "widths are chosen only in modes params and memory, and budget.mode is "
                    + mode.yamlName());
            return unpinned;
        }
        if (!p.ok("arms")) {
            return unpinned; // arm indices below would not match the file
        }
        String modePath = m.child("mode");
        ArmSpec target = arms.stream().filter(a -> a.method() == Method.CONTROLNET).findFirst().orElse(null);
        if (mode == BudgetMode.PARAMS && target == null) {
            p.add(modePath, p.lineOf(m.line(), modePath), modePath + " = params matches each unicon arm's trainable "
                    + "parameters to the first controlnet arm's, and arms has no controlnet arm; allowed: add a "
                    + "controlnet arm, or another mode (steps, time, memory)");
        }
        String chooser = mode == BudgetMode.PARAMS
                ? "budget.mode is params, which chooses each unicon arm's width so that its trainable parameters are "
                        + "within 5% of controlnet arm '" + (target == null ? "?" : target.name()) + "'"
                : "budget.mode is memory, which chooses each arm's width: the widest whose measured peak training "
                        + "memory fits budget.memory_mb (or the peak of the budget.cap_from arm, which keeps its own width)";
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            ArmSpec arm = arms.get(i);
            if (!unpinned.choosesWidth(arm)) {
                continue;
            }
            chosen.add(arm.name());
            String widthPath = "arms[" + i + "].adapter.width";
            if (p.written(widthPath)) {
                p.add(widthPath, p.lineOf(m.line(), widthPath),
                        widthPath + " = " + Interval.plain(arm.adapter().width())
                                + " does not apply: " + chooser + "; allowed: leave it out ("
                                + (mode == BudgetMode.PARAMS ? "unicon validate shows the width chosen"
                                        : "the run writes the "
                                                + "width chosen under budget.widths")
                                + "), or set budget.mode: steps to give widths yourself");
            }
        }
        MappingReader pins = m.section("widths", chosen);
        Map<String, Double> widths = new LinkedHashMap<>();
        for (String armName : chosen) {
            if (pins.has(armName)) {
                double width = pins.number(armName, Double.NaN, Interval.openClosed(0, 1));
                if (p.ok(pins.child(armName))) {
                    widths.put(armName, width);
                }
            }
        }
        return unpinned.withWidths(widths);
    }
}
