package org.uniconbench.harness.experiment;

import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.control.ConnectorKind;
import org.uniconbench.baselines.control.Flow;
import org.uniconbench.baselines.control.Scope;
import org.uniconbench.baselines.data.ConditionKind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.assertProblem;
import static org.uniconbench.harness.experiment.ExperimentLoaderTest.failure;

/**
 * Rules that tie keys together, each an error at the key to change: the resolution against the
 * backbone's downsampling, channels against groups, Canny's thresholds, the noise schedule, sample
 * counts against the evaluation set and the timesteps, conditions against the dataset, and every
 * method, scope and connector against the backbone that can carry it.
 */
class CrossKeyRulesTest {

    private static final String MINIMAL = ExperimentLoaderTest.MINIMAL;

    @Test
    void resolutionMustSurviveEveryDownsampling() {
        ExperimentException e = failure(MINIMAL + """
                dataset:
                  resolution: 30
                backbone:
                  channels: [32, 64, 64]
                """);
        assertProblem(e, "dataset.resolution", 6, "dataset.resolution = 30 is not divisible by 4",
                "backbone.channels = [32, 64, 64]", "3 levels", "allowed: a multiple of 4 in 8..256 such as 28 or 32");
    }

    @Test
    void resolutionCheckBlamesChannelsLineWhenResolutionIsDefault() {
        ExperimentException e = failure(
                MINIMAL + "backbone:\n  channels: [8, 16, 32, 64]\n  groups: 8\ndataset: {resolution: 36}\n");
        assertProblem(e, "dataset.resolution", 8, "not divisible by 8", "4 levels", "such as 32 or 40");
    }

    @Test
    void channelsMustDivideByGroupsAndHaveAtMostFourLevels() {
        ExperimentException e = failure(MINIMAL + "backbone:\n  groups: 8\n  channels: [32, 36]\n");
        assertProblem(e, "backbone.channels[1]", 7, "backbone.channels[1] = 36 is not divisible by backbone.groups = 8",
                "allowed: a multiple of 8 in 8..512");
        ExperimentException tooMany = failure(MINIMAL + "backbone:\n  channels: [8, 8, 8, 8, 8]\n");
        assertProblem(tooMany, "backbone.channels", 6, "backbone.channels has 5 levels",
                "allowed: a list of 1 to 4 integers");
    }

    @Test
    void cannyHighMustBeAboveCannyLow() {
        ExperimentException e = failure(MINIMAL + "condition:\n  canny_low: 0.3\n  canny_high: 0.2\n");
        assertProblem(e, "condition.canny_high", 7, "condition.canny_high = 0.2 is not above condition.canny_low = 0.3",
                "allowed: a number in (0.3, 6]");
    }

    @Test
    void betaEndMustBeAboveBetaStart() {
        ExperimentException e = failure(MINIMAL + "diffusion:\n  beta_start: 0.05\n  beta_end: 0.02\n");
        assertProblem(e, "diffusion.beta_end", 7, "diffusion.beta_end = 0.02 is not above diffusion.beta_start = 0.05",
                "allowed: a number in (0.05, 1)");
    }

    @Test
    void samplesAboveEvalSizeNamesBothPaths() {
        ExperimentException e = failure(MINIMAL + "dataset:\n  eval_size: 8\nevaluation:\n  samples: 32\n");
        assertProblem(e, "evaluation.samples", 8, "evaluation.samples = 32 is more than dataset.eval_size = 8",
                "allowed: an integer in 1..8");
    }

    @Test
    void samplerStepsAboveTimestepsNamesBothPaths() {
        ExperimentException e = failure(MINIMAL + "diffusion: {timesteps: 50}\nevaluation: {sampler_steps: 100}\n");
        assertProblem(e, "evaluation.sampler_steps", 6,
                "evaluation.sampler_steps = 100 is more than diffusion.timesteps = 50",
                "allowed: an integer in 1..50");
    }

    @Test
    void keysOfAnotherKindAreErrorsSayingWhy() {
        ExperimentException e = failure(
                MINIMAL + "condition:\n  kind: canny\n  factor: 4\ndataset:\n  path: /data/fm\n");
        assertProblem(e, "condition.factor", 7, "condition.factor = 4 does not apply",
                "only applies to kind downsample",
                "allowed: leave it out");
        assertProblem(e, "dataset.path", 9, "dataset.path = '/data/fm' does not apply",
                "only applies to kind fashion-mnist");
        ExperimentException down = failure(MINIMAL + "condition:\n  kind: downsample\n  blur_radius: 2\n  factor: 3\n");
        assertProblem(down, "condition.blur_radius", 7, "only applies to kind canny");
        assertProblem(down, "condition.factor", 8, "condition.factor = 3 is not allowed; allowed: one of 2, 4, 8");
    }

    @Test
    void maskAndDepthConditionsLoadForShapesWithoutCannyOrFactorKeys() {
        Experiment mask = ExperimentLoader.parse(MINIMAL + "condition: {kind: mask}\n", "test.yaml");
        assertEquals(ConditionKind.MASK, mask.condition().kind());
        Experiment depth = ExperimentLoader.parse(MINIMAL + "dataset: {kind: shapes}\ncondition: {kind: depth}\n",
                "test.yaml");
        assertEquals(ConditionKind.DEPTH, depth.condition().kind());
        ExperimentException e = failure(MINIMAL + "condition:\n  kind: depth\n  factor: 4\n  canny_low: 0.1\n");
        assertProblem(e, "condition.factor", 7, "only applies to kind downsample, and condition.kind is depth");
        assertProblem(e, "condition.canny_low", 8, "only applies to kind canny, and condition.kind is depth");
    }

    @Test
    void maskAndDepthConditionsAreRejectedForFashionMnistWithTheReason() {
        ExperimentException e = failure(MINIMAL + "dataset:\n  kind: fashion-mnist\ncondition:\n  kind: mask\n");
        assertProblem(e, "condition.kind", 8, "condition.kind = 'mask' needs exact masks and depth maps",
                "only the procedural dataset has", "dataset.kind is fashion-mnist",
                "allowed: canny or downsample, or set dataset.kind: shapes");
        ExperimentException depth = failure(MINIMAL + "dataset: {kind: fashion-mnist}\ncondition: {kind: depth}\n");
        assertProblem(depth, "condition.kind", 6, "condition.kind = 'depth' needs exact masks");
    }

    @Test
    void encoderOnlyUniconIsRejectedWithThePapersReason() {
        ExperimentException e = failure("""
                name: t
                arms:
                  - name: u
                    method: unicon
                    adapter: {scope: encoder}
                """);
        assertProblem(e, "arms[0].adapter.scope", 5, "with scope encoder and flow unidirectional cannot work",
                "encoder-only UniCon does not work", "flow: bidirectional");
    }

    @Test
    void discardIsUnidirectionalOnly() {
        ExperimentException e = failure("""
                name: t
                backbone: {kind: dit}
                arms:
                  - name: d
                    method: unicon
                    adapter: {scope: discard, flow: bidirectional}
                """);
        assertProblem(e, "arms[0].adapter.scope", 6, "no backbone output for adapter features to flow into");
    }

    @Test
    void chainScopesNeedTheTransformerBackbone() {
        ExperimentException e = failure("""
                name: t
                arms:
                  - name: s
                    method: unicon
                    adapter: {scope: skip-layer}
                """);
        assertProblem(e, "arms[0].adapter.scope", 5, "use backbone kind: dit");
    }

    @Test
    void sharedAttentionNeedsAttention() {
        ExperimentException e = failure("""
                name: t
                arms:
                  - name: a
                    method: unicon
                    adapter: {connector: shared-attention}
                """);
        assertProblem(e, "arms[0].adapter.connector", 5, "needs a backbone with attention");
    }

    @Test
    void unetKeysDoNotApplyToTheTransformer() {
        ExperimentException e = failure("""
                name: t
                backbone: {kind: dit, channels: [16, 32]}
                arms:
                  - {name: c, method: controlnet}
                """);
        assertProblem(e, "backbone.channels", 2, "does not apply to backbone kind dit");
    }

    @Test
    void everyPaperAblationVariantLoadsOnTheTransformer() {
        Experiment e = ExperimentLoader.parse("""
                name: t
                backbone: {kind: dit, patch: 4, hidden: 64, depth: 4, heads: 4}
                arms:
                  - {name: enc-bi, method: controlnet}
                  - {name: dec-uni, method: unicon, adapter: {scope: decoder}}
                  - {name: skip-bi, method: unicon, adapter: {scope: skip-layer, flow: bidirectional}}
                  - {name: full-bi, method: unicon, adapter: {flow: bidirectional, connector: zero-mlp}}
                  - {name: discard, method: unicon, adapter: {scope: discard, connector: shared-attention}}
                """, "test.yaml");
        assertEquals(new DitSpec(4, 64, 4, 4, 2, false), e.backbone().dit());
        assertEquals(Scope.ENCODER, e.arm("enc-bi").adapter().scope());
        assertEquals(Flow.BIDIRECTIONAL, e.arm("enc-bi").adapter().flow());
        assertEquals(Flow.UNIDIRECTIONAL, e.arm("dec-uni").adapter().flow());
        assertEquals(Scope.SKIP_LAYER, e.arm("skip-bi").adapter().scope());
        assertEquals(ConnectorKind.ZERO_MLP, e.arm("full-bi").adapter().connector());
        assertEquals(Scope.DISCARD, e.arm("discard").adapter().scope());
    }

    @Test
    void depthCannotExceedBackboneResBlocks() {
        ExperimentException e = failure("""
                name: t
                backbone: {res_blocks: 2}
                arms:
                  - name: u
                    method: unicon
                    adapter:
                      depth: 3
                """);
        assertProblem(e, "arms[0].adapter.depth", 7, "arms[0].adapter.depth = 3 is more than backbone.res_blocks = 2",
                "allowed: an integer in 1..2, or null for all blocks");
    }
}
