package org.uniconbench.harness.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The committed summaries of experiments/smoke.yaml that a smoke run must reproduce value for value,
 * one per kind of machine it was written on. libtorch picks its CPU kernels by instruction set, and
 * float sums in another order drift through the run's training steps (real-vs-real FD-classifier
 * 6.51 in {@code reference-run/smoke}, 6.10 on an AVX2-only AMD EPYC in
 * {@code reference-run/smoke-avx2}), so the run is deterministic per machine, not across machines.
 * A run matches when it equals one of them; a refactor that changes a value changes it against both.
 * Each folder's NOTE.md says where and how it was written.
 */
final class SmokeReferences {

    private static final Path REFERENCES = Path.of("src", "test", "resources", "reference-run");

    /** Every reference, the first being the one {@code ReferenceSummaryFixtureTest} reads. */
    static final List<Path> ALL = List.of(REFERENCES.resolve("smoke").resolve("summary.json"),
            REFERENCES.resolve("smoke-avx2").resolve("summary.json"));

    private SmokeReferences() {
    }
}
