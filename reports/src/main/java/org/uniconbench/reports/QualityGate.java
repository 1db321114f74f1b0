package org.uniconbench.reports;

/**
 * the run summary's {@code backbone.qualityGate}: whether the frozen backbone's unconditional
 * samples are close enough to real images for a verdict on control, judged by their FD-classifier
 * against the real-vs-real floor at the same N. Absent in runs written before the gate.
 *
 * @param passed true or false; {@code null} when not evaluated (N below the gate's minimum)
 * @param fdClassifier the backbone's FD-classifier
 * @param floor the real-vs-real FD-classifier at the same N
 * @param n images per set
 * @param multiple the allowed multiple of the floor
 * @param reason the gate's result in words
 */
public record QualityGate(Boolean passed, Double fdClassifier, Double floor, Integer n, Double multiple,
        String reason) {

    /** The gate's state in one word: passed, failed or not evaluated. */
    public String state() {
        return passed == null ? "not evaluated" : passed ? "passed" : "failed";
    }
}
