package org.uniconbench.baselines.dit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DiT's configuration is validated in one place, and scales to adapter widths. */
class DiTConfigTest {

    @Test
    void defaultSmallConfigHas64TokensOfWidth96() {
        DiTConfig config = DiTConfig.small();
        assertEquals(64, config.tokens());
        assertEquals(16, config.patchValues());
        assertEquals(24, config.headDim());
    }

    @Test
    void widthNotDivisibleByHeadsIsRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiTConfig(32, 1, 4, 90, 6, 4, 4, 96));
        assertTrue(e.getMessage().contains("hidden") && e.getMessage().contains("90"), e.getMessage());
    }

    @Test
    void patchThatDoesNotDivideTheImageIsRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiTConfig(30, 1, 4, 96, 6, 4, 4, 96));
        assertTrue(e.getMessage().contains("patch"), e.getMessage());
    }

    @Test
    void nonPositiveAndOddValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DiTConfig(32, 1, 4, 96, 0, 4, 4, 96));
        assertThrows(IllegalArgumentException.class, () -> new DiTConfig(32, 1, 4, 96, 6, 4, 0, 96));
        assertThrows(IllegalArgumentException.class, () -> new DiTConfig(32, 1, 4, 96, 6, 4, 4, 95));
        assertThrows(IllegalArgumentException.class, () -> new DiTConfig(32, 1, 4, 6, 1, 2, 4, 96),
                "the position embedding needs a width divisible by 4");
    }

    @Test
    void scaledConfigKeepsTheHeadDimensionDropsWholeHeadsAndTakesTheBackbonesPositionTable() {
        DiTConfig config = DiTConfig.small(); // width 96, 4 heads of 24
        DiTConfig half = config.scaled(0.5);
        assertEquals(48, half.hidden());
        assertEquals(2, half.heads());
        assertEquals(24, half.headDim(), "the backbone's head dimension");
        assertEquals(96, half.positionWidth(), "the backbone's position table");
        assertEquals(new DiTConfig(32, 1, 4, 48, 6, 2, 4, 96, 24, 96, false, false), half);
        assertEquals(config, config.scaled(1.0));
        DiTConfig twoThirds = config.scaled(0.667);
        assertEquals(64, twoThirds.hidden(), "any multiple of 4");
        assertEquals(3, twoThirds.heads(), "round(4 x 0.667) whole heads");
        assertEquals(72, twoThirds.attentionWidth(), "attention may be wider than the tokens");
        assertEquals(4, config.scaled(0.01).hidden());
        assertEquals(1, config.scaled(0.01).heads(), "at least one head");
        assertThrows(IllegalArgumentException.class, () -> half.scaled(0.5), "a copy is not scaled again");
    }

    @Test
    void aCopyAndAnotherImageSizeKeepTheSkipsAndTheConvolutionalMlp() {
        DiTConfig config = new DiTConfig(32, 1, 4, 96, 6, 4, 2, 96, true, true);
        DiTConfig copy = config.scaled(0.5);
        assertTrue(copy.longSkips() && copy.convMlp(), "a narrower copy has the backbone's block structure");
        assertEquals(96, copy.mlpWidth(), "2 x 48 depthwise channels");
        DiTConfig at64 = config.atImageSize(64);
        assertEquals(64, at64.imageSize());
        assertEquals(256, at64.tokens());
        assertEquals(config, at64.atImageSize(32), "nothing but the image size changes");
    }

    @Test
    void longSkipsPairTheFirstBlocksWithTheLastAroundAMiddle() {
        DiTConfig six = new DiTConfig(32, 1, 4, 96, 6, 4, 2, 96, true);
        assertEquals(2, six.skipPairs());
        assertArrayEquals(new int[] {-1, -1, -1, -1, 1, 0},
                java.util.stream.IntStream.range(0, 6).map(six::skipSource).toArray());
        DiTConfig seven = new DiTConfig(32, 1, 4, 96, 7, 4, 2, 96, true);
        assertArrayEquals(new int[] {-1, -1, -1, -1, 2, 1, 0},
                java.util.stream.IntStream.range(0, 7).map(seven::skipSource).toArray());
        assertTrue(six.scaled(0.5).longSkips(), "a copy has the backbone's skips");
        DiTConfig none = new DiTConfig(32, 1, 4, 96, 6, 4, 2, 96);
        assertEquals(0, none.skipPairs());
        assertEquals(-1, none.skipSource(5));
    }

    @Test
    void widthOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DiTConfig.small().scaled(0));
        assertThrows(IllegalArgumentException.class, () -> DiTConfig.small().scaled(1.5));
    }
}
