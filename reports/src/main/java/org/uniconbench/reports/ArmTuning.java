package org.uniconbench.reports;

/**
 * The learning rate an arm trained at and where it came from ({@code learningRate} and
 * {@code lrSearch} of the row).
 *
 * @param learningRate the Adam rate of control training, or {@code null} (older runs)
 * @param searchSeed the seed the rate was searched on: the row's own seed (a search per seed), a
 *     tuning seed (one search per arm), or {@code null} when it was not searched
 * @param searched whether {@code training.lr_search} chose it
 */
public record ArmTuning(Double learningRate, Long searchSeed, boolean searched) {

    /** Nothing recorded. */
    public static final ArmTuning NONE = new ArmTuning(null, null, false);

    /**
     * In words, for the report: {@code lr 0.001 (searched once, tuning seed 1000)}, {@code lr 0.003
     * (searched on this seed)}, {@code lr 0.0001}; null when not recorded.
     *
     * @param ownSeed the row's seed
     */
    public String describe(Long ownSeed) {
        if (learningRate == null) {
            return null;
        }
        String rate = "lr " + Html.sig(learningRate);
        if (!searched) {
            return rate;
        }
        return searchSeed != null && !searchSeed.equals(ownSeed)
                ? rate + " (searched once, tuning seed " + searchSeed + ")" : rate + " (searched on this seed)";
    }
}
