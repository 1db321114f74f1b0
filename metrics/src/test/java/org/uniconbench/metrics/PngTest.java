package org.uniconbench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {

    @TempDir
    Path dir;

    @Test
    void pngRoundTripPreservesEightBitLevels() throws IOException {
        float[] p = new float[7 * 5];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i * 7 % 256) / 255f;
        }
        GrayImage img = GrayImage.of(7, 5, p);
        Path file = dir.resolve("a.png");
        Png.write(img, file, 0f, 1f);
        GrayImage back = Png.read(file);
        assertEquals(7, back.width());
        assertEquals(5, back.height());
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i], back.pixels()[i], 1e-6, "pixel " + i);
        }
    }

    @Test
    void pngWriteMapsRangeClampsAndRounds() throws IOException {
        // range [-1, 1]: -2 -> 0 (clamped), -1 -> 0, 0 -> 127.5 -> 128 (rint: ties to even), 1 -> 255, 3 -> 255
        GrayImage img = GrayImage.of(5, 1, new float[] {-2f, -1f, 0f, 1f, 3f});
        GrayImage back = Png.read(write(Png.encode(img, -1f, 1f)));
        float[] expected = {0f, 0f, 128 / 255f, 1f, 1f};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], back.pixels()[i], 1e-6, "pixel " + i);
        }
    }

    @Test
    void pngReadConvertsRgbToBt601Luma() throws IOException {
        BufferedImage rgb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xff0000);
        rgb.setRGB(1, 0, 0x00ff00);
        rgb.setRGB(2, 0, 0x0000ff);
        Path file = dir.resolve("rgb.png");
        ImageIO.write(rgb, "png", file.toFile());
        GrayImage g = Png.read(file);
        assertEquals(0.299, g.get(0, 0), 1e-6);
        assertEquals(0.587, g.get(1, 0), 1e-6);
        assertEquals(0.114, g.get(2, 0), 1e-6);
    }

    @Test
    void pngRejectsEmptyRange() {
        GrayImage img = GrayImage.of(1, 1, new float[1]);
        assertThrows(IllegalArgumentException.class, () -> Png.encode(img, 1f, 1f));
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = dir.resolve("bytes.png");
        Files.write(file, bytes);
        return file;
    }
}
