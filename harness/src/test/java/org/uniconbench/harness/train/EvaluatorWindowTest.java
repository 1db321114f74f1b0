package org.uniconbench.harness.train;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.data.ConditionKind;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.metrics.CannyEdges;
import org.uniconbench.metrics.GrayImage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each seed is scored on a window of the evaluation set of its own. */
class EvaluatorWindowTest {

    /** An evaluation set of {@code size} images, image i filled with the value i / size. */
    private static ImageSet set(int size) {
        List<GrayImage> images = new ArrayList<>();
        List<GrayImage> conditions = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            float[] px = new float[4];
            java.util.Arrays.fill(px, i / (float) size);
            images.add(new GrayImage(2, 2, px));
            conditions.add(new GrayImage(2, 2, px.clone()));
        }
        return new ImageSet(images, new int[size], null, null, conditions);
    }

    private static Evaluator evaluator(ImageSet eval, int count) {
        return new Evaluator(eval, count, new DdimSampler(new NoiseSchedule(10, 1e-4, 0.02), 2),
                new CannyEdges(1, 0.1f, 0.2f), ConditionKind.CANNY, Device.cpu());
    }

    @Test
    void seedsScoreDisjointWindowsWhenTheSetIsLargeEnough() {
        ImageSet eval = set(20);
        Set<GrayImage> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int seed = 0; seed < 5; seed++) {
            List<GrayImage> targets = evaluator(eval, 4).forSeed(seed).targets();
            assertEquals(4, targets.size());
            assertSame(eval.images().get(4 * seed), targets.get(0), "seed s starts at s x samples");
            seen.addAll(targets);
        }
        assertEquals(20, seen.size(), "five seeds, four images each, no image twice");
    }

    @Test
    void seedZeroScoresTheFirstImagesAndWindowsWrapRound() {
        ImageSet eval = set(6);
        assertEquals(eval.images().subList(0, 4), evaluator(eval, 4).forSeed(0).targets());
        List<GrayImage> wrapped = evaluator(eval, 4).forSeed(1).targets();
        assertEquals(List.of(eval.images().get(4), eval.images().get(5), eval.images().get(0), eval.images().get(1)),
                wrapped);
        Evaluator one = evaluator(eval, 4).forSeed(1);
        for (int i = 0; i < 4; i++) {
            assertSame(eval.conditions().get((4 + i) % 6), one.conditions().get(i), "conditions follow their targets");
        }
        ImageSet same = set(4);
        assertTrue(evaluator(same, 4).forSeed(3).targets().containsAll(same.images()),
                "eval_size == samples: every seed scores the same set");
    }
}
