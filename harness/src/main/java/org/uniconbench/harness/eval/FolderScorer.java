package org.uniconbench.harness.eval;

import ai.djl.Device;
import org.uniconbench.baselines.features.RandomConvFeatures;
import org.uniconbench.harness.BadInputException;
import org.uniconbench.metrics.MsSsim;
import org.uniconbench.metrics.CannyEdges;
import org.uniconbench.metrics.EdgeF1;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.metrics.ImageScorer;
import org.uniconbench.metrics.Png;
import org.uniconbench.metrics.Ssim;
import org.uniconbench.metrics.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Scores generated images against target images paired by file name (without extension; PNG and
 * JPEG are read, as [0, 1] luma), each pair at its own size, by the runner's rules
 * ({@link ImageScorer}) plus the figures only this command reports: SSIM and MS-SSIM (null, with the reason
 * in the row's {@code notes}, for pairs smaller than their windows: 11 px a side, and
 * {@code MsSsim.minimumSide(5)} for five scales) and PSNR (data range 1); edge F1 between the Canny
 * edges of the generated image and the condition's edges (a condition folder of edge maps) or the
 * target's Canny edges, pixelwise and within 2 pixels; and, over the whole folder, the Frechet
 * distance and KID on the harness's fixed random convolutional features (FD-random, KID-random,
 * with N), on images brought to one input size ({@link FeatureInput}) when the set holds several.
 * The classifier proxies need a dataset's labels, so they are computed by {@code unicon run} only.
 */
public final class FolderScorer {

    private FolderScorer() {
    }

    /**
     * Per-image scores and their means.
     *
     * @param rows one map per image (file, width, height, ssim, msSsim, psnr, edgeF1, edgeF1@d2, notes)
     * @param means metric name to mean over the images that have it (null when none has)
     * @param sets folder-level figures (featureN, featureInputSize, featureImagesResized, fdRandom, kidRandom,
     *     kidRandomStd)
     */
    public record Scores(List<Map<String, Object>> rows, Map<String, Double> means, Map<String, Object> sets) {
    }

    /** Tolerance of the second edge F1, in pixels. */
    static final int EDGE_TOLERANCE = 2;

    /**
     * Scores the folders.
     *
     * @param generated folder of generated PNGs
     * @param targets folder of target PNGs with the same file names and sizes
     * @param conditions folder of edge-map PNGs with the same names, or null
     * @param edges edge detector
     * @return the scores
     * @throws BadInputException naming the offending files when the sets or sizes differ
     */
    public static Scores score(Path generated, Path targets, Path conditions, CannyEdges edges) {
        Map<String, String> names = imageNames(generated, "--generated");
        Map<String, String> targetNames = imageNames(targets, "--targets");
        checkSameNames(names, targetNames, "--targets", targets);
        Map<String, String> conditionNames = null;
        if (conditions != null) {
            conditionNames = imageNames(conditions, "--conditions");
            checkSameNames(names, conditionNames, "--conditions", conditions);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> sizeProblems = new ArrayList<>();
        List<GrayImage> generatedImages = new ArrayList<>();
        List<GrayImage> targetImages = new ArrayList<>();
        for (Map.Entry<String, String> pair : names.entrySet()) {
            String name = pair.getValue();
            GrayImage g = read(generated.resolve(name));
            GrayImage t = read(targets.resolve(targetNames.get(pair.getKey())));
            GrayImage c = conditions == null ? null : read(conditions.resolve(conditionNames.get(pair.getKey())));
            if (!sameSize(g, t) || (c != null && !sameSize(g, c))) {
                sizeProblems.add(name + " (generated " + g.width() + "x" + g.height() + ", target "
                        + t.width() + "x" + t.height()
                        + (c == null ? "" : ", condition " + c.width() + "x" + c.height()) + ")");
                continue;
            }
            rows.add(pairScores(name, g, t, c, edges));
            generatedImages.add(g);
            targetImages.add(t);
        }
        if (!sizeProblems.isEmpty()) {
            throw new BadInputException("images differ in size; every generated image must match its target "
                    + "(and condition) pixel for pixel:\n  " + String.join("\n  ", sizeProblems));
        }
        Map<String, Double> means = new LinkedHashMap<>();
        for (String metric : List.of("ssim", "psnr", "edgeF1", "edgeF1@d" + EDGE_TOLERANCE, "msSsim")) {
            // over the pairs that have the metric (SSIM and MS-SSIM are null for pairs too small for their windows)
            double[] v = rows.stream().map(r -> r.get(metric)).filter(x -> x != null)
                    .mapToDouble(x -> metric.equals("psnr") ? Math.min((Double) x, ImageScorer.PSNR_CAP) : (Double) x)
                    .toArray();
            if (v.length > 0 || !metric.equals("msSsim")) {
                means.put(metric, v.length == 0 ? null : Statistics.mean(v));
            }
        }
        return new Scores(rows, means, featureDistances(generatedImages, targetImages));
    }

    /** One pair's metrics at its own size; a metric whose window the pair is too small for is null, with the reason in {@code notes}. */
    private static Map<String, Object> pairScores(String name, GrayImage g, GrayImage t, GrayImage c,
            CannyEdges edges) {
        List<String> notes = new ArrayList<>();
        int side = Math.min(g.width(), g.height());
        ImageScorer.Pair pair = ImageScorer.pair(g, t, c, edges);
        if (pair.ssim() == null) {
            notes.add("ssim: " + g.width() + "x" + g.height() + " is smaller than SSIM's " + Ssim.WINDOW_SIZE + "x"
                    + Ssim.WINDOW_SIZE + " window");
        }
        Double msSsim = null;
        if (side >= MsSsim.minimumSide(5)) {
            msSsim = MsSsim.compute(g, t, 1.0);
        } else {
            notes.add("msSsim: needs at least " + MsSsim.minimumSide(5) + " px a side (5 scales of the "
                    + Ssim.WINDOW_SIZE + "x" + Ssim.WINDOW_SIZE + " window)");
        }
        double f1Tolerant = EdgeF1.withTolerance(pair.predictedEdges(), pair.truthEdges(), g.width(), EDGE_TOLERANCE)
                .f1();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", name);
        row.put("width", g.width());
        row.put("height", g.height());
        row.put("ssim", pair.ssim());
        row.put("msSsim", msSsim);
        row.put("psnr", pair.psnr());
        row.put("edgeF1", pair.edgeF1());
        row.put("edgeF1@d" + EDGE_TOLERANCE, f1Tolerant);
        row.put("notes", notes.isEmpty() ? null : String.join("; ", notes));
        return row;
    }

    /** FD-random and KID-random over the folders (N = image count; noisy for small N). */
    private static Map<String, Object> featureDistances(List<GrayImage> generated, List<GrayImage> targets) {
        Map<String, Object> sets = new LinkedHashMap<>();
        int n = generated.size();
        sets.put("featureN", n);
        if (n < 2) {
            sets.put("fdRandom", null);
            sets.put("kidRandom", null);
            sets.put("kidRandomStd", null);
            return sets;
        }
        // one feature space: every image at one input size (see FeatureInput; a set of one size is not resized)
        int[] size = FeatureInput.size(targets);
        List<GrayImage> g = FeatureInput.resized(generated, size);
        List<GrayImage> t = FeatureInput.resized(targets, size);
        int resized = 0;
        for (int i = 0; i < n; i++) {
            resized += (g.get(i) != generated.get(i) ? 1 : 0) + (t.get(i) != targets.get(i) ? 1 : 0);
        }
        sets.put("featureInputSize", size[0] + "x" + size[1]);
        sets.put("featureImagesResized", resized);
        try (RandomConvFeatures features = new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS,
                RandomConvFeatures.STANDARD_SEED, Device.cpu())) {
            ImageScorer.Distance d = ImageScorer.distance(features.features(g), features.features(t));
            sets.put("fdRandom", d.fd());
            sets.put("kidRandom", d.kid());
            sets.put("kidRandomStd", d.kidStd());
        }
        return sets;
    }

    private static boolean sameSize(GrayImage a, GrayImage b) {
        return a.width() == b.width() && a.height() == b.height();
    }

    private static GrayImage read(Path file) {
        try {
            return Png.read(file);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + " is not a readable image (PNG or JPEG): " + e.getMessage()
                    + "; convert it to PNG");
        }
    }

    /** Image files that are read, by extension. */
    static final List<String> READ = List.of(".png", ".jpg", ".jpeg");
    /** Image files that are refused rather than skipped. */
    private static final List<String> REFUSED = List.of(".webp", ".bmp", ".gif", ".tif", ".tiff");

    /** The folder's image files by name without extension (how pairs are matched), in name order. */
    private static Map<String, String> imageNames(Path dir, String option) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(option + " " + dir.toAbsolutePath() + " is not a folder");
        }
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir + ": " + e.getMessage());
        }
        Map<String, String> names = new TreeMap<>();
        for (String file : files) {
            String lower = file.toLowerCase(Locale.ROOT);
            if (REFUSED.stream().anyMatch(lower::endsWith)) {
                throw new BadInputException(option + " " + dir.resolve(file).toAbsolutePath() + ": this format is not "
                        + "read; convert the images to PNG (JPEG is read too)");
            }
            if (READ.stream().noneMatch(lower::endsWith)) {
                continue;
            }
            String stem = file.substring(0, file.lastIndexOf('.'));
            String before = names.put(stem, file);
            if (before != null) {
                throw new BadInputException(option + " " + dir.toAbsolutePath() + " holds " + before + " and " + file
                        + ": files are paired by name without extension; keep one of them");
            }
        }
        if (names.isEmpty()) {
            throw new BadInputException(option + " " + dir.toAbsolutePath() + " holds no .png or .jpg files");
        }
        return names;
    }

    private static void checkSameNames(Map<String, String> generated, Map<String, String> other, String option,
            Path dir) {
        TreeSet<String> missing = new TreeSet<>();
        generated.forEach((stem, file) -> {
            if (!other.containsKey(stem)) {
                missing.add(file);
            }
        });
        TreeSet<String> extra = new TreeSet<>();
        other.forEach((stem, file) -> {
            if (!generated.containsKey(stem)) {
                extra.add(file);
            }
        });
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder message = new StringBuilder("the file sets of --generated and " + option + " ("
                    + dir + ") differ; files are paired by name (without extension):");
            if (!missing.isEmpty()) {
                message.append("\n  missing from ").append(option).append(": ").append(String.join(", ", missing));
            }
            if (!extra.isEmpty()) {
                message.append("\n  only in ").append(option).append(": ").append(String.join(", ", extra));
            }
            throw new BadInputException(message.toString());
        }
    }
}
