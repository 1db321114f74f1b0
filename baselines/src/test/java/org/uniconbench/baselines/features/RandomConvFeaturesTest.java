package org.uniconbench.baselines.features;

import ai.djl.Device;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.DatasetKind;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.metrics.FrechetDistance;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.metrics.Kid;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random convolutional features are a fixed function of the seed. */
class RandomConvFeaturesTest {

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    @Test
    void sameSeedGivesIdenticalFeaturesAndAnotherSeedDoesNot() {
        List<GrayImage> images = Datasets.load(DatasetKind.SHAPES, 16, 16, 1, null, 2,
                new Condition.Downsample(2)).train().images().subList(0, 6);
        float[][] a;
        float[][] b;
        float[][] c;
        try (RandomConvFeatures first = new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS, 7, Device.cpu());
                RandomConvFeatures second = new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS, 7,
                        Device.cpu());
                RandomConvFeatures other = new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS, 8,
                        Device.cpu())) {
            a = first.features(images);
            b = second.features(images);
            c = other.features(images);
            assertEquals(32, first.dimension());
        }
        assertEquals(6, a.length);
        boolean anyDifferent = false;
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "image " + i);
            anyDifferent |= !java.util.Arrays.equals(a[i], c[i]);
            for (float v : a[i]) {
                assertTrue(Float.isFinite(v) && v >= 0, "feature " + v); // average of ReLU outputs
            }
        }
        assertTrue(anyDifferent, "seed 8 gave seed 7's features");
        assertFalse(java.util.Arrays.equals(a[0], a[1]), "two different images gave the same features");
    }

    /** Uniform noise images of the given size, from a seed. */
    static List<GrayImage> noise(int count, int size, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<GrayImage> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] pixels = new float[size * size];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = (float) random.nextDouble();
            }
            out.add(new GrayImage(size, size, pixels));
        }
        return out;
    }

    /**
     * Two disjoint real sets are much closer in random-feature space than a real set and noise
     * images of the same N (16, the evaluation's sample count).
     */
    @Test
    void frechetDistanceRealVsRealIsSmallerThanRealVsNoise() {
        Datasets.Splits data = Datasets.load(DatasetKind.SHAPES, 16, 16, 16, null, 2, new Condition.Downsample(2));
        try (RandomConvFeatures random = new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS, 7, Device.cpu())) {
            float[][] real = random.features(data.train().images());
            float[][] otherReal = random.features(data.eval().images());
            float[][] noise = random.features(noise(16, 16, 3));
            double realVsReal = FrechetDistance.compute(real, otherReal).value();
            double realVsNoise = FrechetDistance.compute(real, noise).value();
            System.out.printf("FD-random, N = 16: real vs real %.4g, real vs noise %.4g%n", realVsReal, realVsNoise);
            assertTrue(realVsReal >= 0 && realVsReal * 5 < realVsNoise, realVsReal + " vs " + realVsNoise);
            Kid kidReal = Kid.compute(real, otherReal, 50, 8, 1);
            Kid kidNoise = Kid.compute(real, noise, 50, 8, 1);
            assertTrue(kidReal.mean() < kidNoise.mean(), kidReal + " vs " + kidNoise);
        }
    }
}
