package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.metrics.Png;
import org.uniconbench.metrics.Ssim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code unicon eval} on folders of PNGs, as another tool would write them. */
class EvalCommandTest {

    static GrayImage square(int size, int from, int to, float value) {
        float[] p = new float[size * size];
        for (int y = from; y < to; y++) {
            for (int x = from; x < to; x++) {
                p[y * size + x] = value;
            }
        }
        return new GrayImage(size, size, p);
    }

    static void write(Path dir, String name, GrayImage image) throws IOException {
        Files.createDirectories(dir);
        Png.write(image, dir.resolve(name), 0f, 1f);
    }

    @Test
    void scoresPairedFilesAndWritesCsvAndJson(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(24, 6, 18, 1f));
        write(dir.resolve("gen"), "b.png", square(24, 4, 12, 1f));
        write(dir.resolve("tgt"), "a.png", square(24, 6, 18, 1f));
        write(dir.resolve("tgt"), "b.png", square(24, 8, 20, 1f));
        var r = CommandLineTest.unicon("eval", "--generated", dir.resolve("gen").toString(),
                "--targets", dir.resolve("tgt").toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/scores.json").toFile());
        assertEquals(2, json.get("n").asInt());
        JsonNode a = json.get("images").get(0);
        assertEquals("a.png", a.get("file").asText());
        assertEquals(1.0, a.get("ssim").asDouble(), 1e-12); // identical images
        assertEquals(1.0, a.get("edgeF1").asDouble(), 1e-12);
        double expectedB = Ssim.compute(Png.read(dir.resolve("gen/b.png")), Png.read(dir.resolve("tgt/b.png")), 1.0);
        assertEquals(expectedB, json.get("images").get(1).get("ssim").asDouble(), 1e-12);
        assertEquals((1.0 + expectedB) / 2, json.get("means").get("ssim").asDouble(), 1e-12);
        List<String> csv = Files.readAllLines(dir.resolve("out/scores.csv"));
        assertEquals("file,width,height,ssim,msSsim,psnr,edgeF1,edgeF1@d2,notes", csv.get(0));
        assertEquals(1.0, a.get("edgeF1@d2").asDouble(), 1e-12);
        assertTrue(json.get("images").get(1).get("msSsim").isNull(), "24 px is too small for 5-scale MS-SSIM");
        assertEquals(2, json.get("featureSpace").get("featureN").asInt());
        assertTrue(json.get("featureSpace").get("fdRandom").asDouble() > 0, json.toString());
        assertEquals(3, csv.size());
    }

    @Test
    void mismatchedFileSetsExitTwoListingTheFiles(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(16, 2, 8, 1f));
        write(dir.resolve("gen"), "b.png", square(16, 2, 8, 1f));
        write(dir.resolve("tgt"), "a.png", square(16, 2, 8, 1f));
        write(dir.resolve("tgt"), "c.png", square(16, 2, 8, 1f));
        var r = CommandLineTest.unicon("eval", "--generated", dir.resolve("gen").toString(),
                "--targets", dir.resolve("tgt").toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing from --targets: b.png"), r.err());
        assertTrue(r.err().contains("only in --targets: c.png"), r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written for bad input");
    }

    @Test
    void mismatchedSizesExitTwoNamingTheFileAndSizes(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(16, 2, 8, 1f));
        write(dir.resolve("tgt"), "a.png", square(20, 2, 8, 1f));
        var r = CommandLineTest.unicon("eval", "--generated", dir.resolve("gen").toString(),
                "--targets", dir.resolve("tgt").toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("a.png (generated 16x16, target 20x20)"), r.err());
    }

    private static CommandLineTest.Invocation eval(Path dir, String out) {
        return CommandLineTest.unicon("eval", "--generated", dir.resolve("gen").toString(),
                "--targets", dir.resolve("tgt").toString(), "--out", out);
    }

    @Test
    void pairsOfDifferentSizesAcrossTheSetAreScoredEachAtItsOwnSize(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(16, 4, 12, 1f));
        write(dir.resolve("tgt"), "a.png", square(16, 5, 12, 1f));
        write(dir.resolve("gen"), "b.png", square(32, 8, 20, 1f));
        write(dir.resolve("tgt"), "b.png", square(32, 8, 24, 1f));
        var r = eval(dir, dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/scores.json").toFile());
        JsonNode a = json.get("images").get(0);
        JsonNode b = json.get("images").get(1);
        assertEquals(16, a.get("width").asInt());
        assertEquals(32, b.get("width").asInt());
        assertEquals(Ssim.compute(Png.read(dir.resolve("gen/a.png")), Png.read(dir.resolve("tgt/a.png")), 1.0),
                a.get("ssim").asDouble(), 1e-12, "SSIM at the pair's own size");
        assertEquals(Ssim.compute(Png.read(dir.resolve("gen/b.png")), Png.read(dir.resolve("tgt/b.png")), 1.0),
                b.get("ssim").asDouble(), 1e-12);
        JsonNode sets = json.get("featureSpace");
        assertEquals("32x32", sets.get("featureInputSize").asText(), "tie between sizes: the larger");
        assertEquals(2, sets.get("featureImagesResized").asInt(), "the 16x16 pair resized for the features");
        assertTrue(Double.isFinite(sets.get("fdRandom").asDouble()), sets.toString());
        assertTrue(r.out().contains("resized to 32x32"), r.out());
    }

    @Test
    void imagesTooSmallForTheSsimWindowGetNullWithTheReason(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(8, 2, 6, 1f));
        write(dir.resolve("tgt"), "a.png", square(8, 2, 5, 1f));
        write(dir.resolve("gen"), "b.png", square(8, 1, 6, 1f));
        write(dir.resolve("tgt"), "b.png", square(8, 1, 6, 1f));
        var r = eval(dir, dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/scores.json").toFile());
        JsonNode a = json.get("images").get(0);
        assertTrue(a.get("ssim").isNull() && a.get("msSsim").isNull(), a.toString());
        assertTrue(a.get("notes").asText().contains("8x8 is smaller than SSIM's 11x11 window"), a.toString());
        assertTrue(json.get("means").get("ssim").isNull(), "no pair has SSIM");
        assertTrue(Double.isFinite(a.get("psnr").asDouble()) && a.get("edgeF1").isNumber(), "the other metrics stay");
    }

    @Test
    void jpegFilesAreReadAndPairedWithPngsOfTheSameName(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(24, 6, 18, 1f));
        write(dir.resolve("tgt"), "a.png", square(24, 6, 18, 1f));
        write(dir.resolve("gen"), "b.png", square(24, 4, 12, 1f));
        java.awt.image.BufferedImage jpeg = new java.awt.image.BufferedImage(24, 24,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        jpeg.getRaster().setSample(10, 10, 0, 255);
        Files.createDirectories(dir.resolve("tgt"));
        assertTrue(javax.imageio.ImageIO.write(jpeg, "jpg", dir.resolve("tgt/b.jpg").toFile()));
        var r = eval(dir, dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/scores.json").toFile());
        assertEquals(2, json.get("n").asInt(), "the .jpg target is not ignored");
        assertEquals("b.png", json.get("images").get(1).get("file").asText());
    }

    @Test
    void anUnreadableJpegExitsTwoNamingIt(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(16, 2, 8, 1f));
        Files.createDirectories(dir.resolve("tgt"));
        Files.writeString(dir.resolve("tgt/a.jpg"), "not a jpeg");
        var r = eval(dir, dir.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("a.jpg is not a readable image"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anOutThatIsAFileExitsTwoBeforeAnyWork(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(16, 2, 8, 1f));
        write(dir.resolve("tgt"), "a.png", square(16, 2, 8, 1f));
        Path file = dir.resolve("taken");
        Files.writeString(file, "x");
        var r = eval(dir, file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--out " + file.toAbsolutePath() + " is a file"), r.err());
        var under = eval(dir, file.resolve("scores").toString());
        assertEquals(2, under.code(), under.err());
        assertTrue(under.err().contains("is a file, not a folder"), under.err());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void anOutWhereNothingCanBeWrittenExitsTwoBeforeAnyWork(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(16, 2, 8, 1f));
        write(dir.resolve("tgt"), "a.png", square(16, 2, 8, 1f));
        var r = eval(dir, "/proc/unicon-eval-scores"); // /proc takes no new files, not even from root
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot write in /proc"), r.err());
        assertTrue(r.out().isBlank(), "no scores printed: " + r.out());
    }

    @Test
    void onePixelImagesGetAnEdgeF1AndNullSsimWithTheReasonInsteadOfACrash(@TempDir Path dir) throws IOException {
        write(dir.resolve("gen"), "a.png", square(1, 0, 1, 1f));
        write(dir.resolve("tgt"), "a.png", square(1, 0, 1, 0.5f));
        write(dir.resolve("gen"), "b.png", square(16, 2, 8, 1f));
        write(dir.resolve("tgt"), "b.png", square(16, 2, 8, 1f));
        var r = eval(dir, dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/scores.json").toFile());
        JsonNode a = json.get("images").get(0);
        // kornia's Canny runs at any size: a flat 1-pixel pair has no edges on either side, F1 1 by EdgeF1's convention
        assertEquals(1.0, a.get("edgeF1").asDouble(), 1e-12, a.toString());
        assertTrue(a.get("ssim").isNull() && a.get("msSsim").isNull(), a.toString());
        assertTrue(a.get("notes").asText().contains("ssim: 1x1 is smaller than SSIM's 11x11 window"), a.toString());
        assertEquals(1.0, json.get("means").get("edgeF1").asDouble(), 1e-12);
    }
}
