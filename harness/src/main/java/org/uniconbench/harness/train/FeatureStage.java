package org.uniconbench.harness.train;

import ai.djl.Device;
import com.fasterxml.jackson.core.type.TypeReference;
import org.uniconbench.baselines.data.DatasetKind;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.data.FashionMnist;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.data.ShapesDataset;
import org.uniconbench.baselines.features.ClassifierTrainer;
import org.uniconbench.baselines.features.ImageClassifier;
import org.uniconbench.baselines.features.RandomConvFeatures;
import org.uniconbench.baselines.nn.Checkpoint;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.files.AtomicFile;
import org.uniconbench.harness.store.CacheEntry;
import org.uniconbench.harness.store.CacheLock;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feature extractors of the quality proxies: the dataset's {@link ImageClassifier}, from the
 * cache (keyed by a hash of its recipe and training data, like the backbone) or trained now on the
 * training split and cached, with its accuracy on the held-out reference split; and the fixed
 * {@link RandomConvFeatures}. Writes {@code features.json}.
 */
public final class FeatureStage {

    /** Bump when the classifier's architecture code or training loop changes meaning. */
    static final String RECIPE_VERSION = "classifier-v1";

    /**
     * Held-out real images beside the evaluation split: the classifier's test set, and the first
     * {@code evaluation.samples} of them are the second set of the real-vs-real baseline.
     */
    static final int REFERENCE_SIZE = 256;

    /** Seed of the random features: fixed, so that FD-random is comparable across runs and experiments. */
    static final long RANDOM_FEATURES_SEED = RandomConvFeatures.STANDARD_SEED;

    private FeatureStage() {
    }

    /**
     * Both extractors; closing frees them.
     *
     * @param classifier the trained classifier (features: its penultimate layer)
     * @param random the random convolutional features
     * @param record what {@code features.json} says about them
     */
    public record Extractors(ImageClassifier classifier, RandomConvFeatures random, Map<String, Object> record)
            implements
                AutoCloseable {
        @Override
        public void close() {
            classifier.close();
            random.close();
        }
    }

    /** The classes of the dataset's labels. */
    static int classes(Experiment e) {
        return e.dataset().kind() == DatasetKind.SHAPES ? ShapesDataset.KINDS.size() : FashionMnist.CLASSES.size();
    }

    /** The cache key: recipe version and recipe, classes, training data and reference split. */
    static String cacheKey(Experiment e, ImageClassifier.Recipe recipe) {
        var d = e.dataset();
        String canonical = String.join("|", RECIPE_VERSION, recipe.canonical(), "classes=" + classes(e),
                "data=" + d.kind() + "," + d.resolution() + "," + d.trainSize() + "," + d.effectivePath(),
                "dataSeed=" + e.seeds().get(0), "test=" + d.evalSize() + "+" + REFERENCE_SIZE);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Loads or trains the classifier, builds the random features, writes {@code features.json}.
     *
     * @param e the experiment
     * @param device where the extractors run
     * @param data the splits; {@code reference} must be present
     * @param store the run folder
     * @param out progress
     * @return the extractors
     */
    public static Extractors prepare(Experiment e, Device device, Datasets.Splits data, RunStore store,
            PrintWriter out) {
        ImageClassifier.Recipe recipe = ImageClassifier.Recipe.defaults(e.seeds().get(0));
        String key = cacheKey(e, recipe);
        Path cache = Path.of(e.output()).resolve(".cache");
        Path checkpoint = cache.resolve("classifier-" + key + ".ucb");
        Path facts = cache.resolve("classifier-" + key + ".json");
        Map<String, Object> classifierRecord = new LinkedHashMap<>();
        classifierRecord.put("cacheKey", key);
        ImageClassifier classifier = new ImageClassifier(classes(e), recipe, device);
        try (CacheLock lock = CacheLock.acquire(checkpoint, out)) {
            if (CacheEntry.usable(checkpoint, "feature classifier", out) && usableFacts(facts, out)) {
                out.println("features: cached classifier " + checkpoint + " (training skipped)");
                Checkpoint.load(checkpoint, classifier.parameters());
                classifierRecord.put("source", "cache");
                classifierRecord
                        .putAll(RunStore.JSON.readValue(facts.toFile(), new TypeReference<Map<String, Object>>() {
                        }));
            } else {
                classifierRecord.put("source", "trained");
                Map<String, Object> trained = train(classifier, data, out);
                Files.createDirectories(cache);
                Checkpoint.save(classifier.parameters(), checkpoint);
                AtomicFile.writeString(facts, RunStore.JSON.writeValueAsString(trained) + "\n");
                classifierRecord.putAll(trained);
            }
        } catch (IOException ex) {
            classifier.close();
            throw new UncheckedIOException("feature classifier cache " + checkpoint, ex);
        } catch (RuntimeException ex) {
            classifier.close();
            throw ex;
        }
        classifierRecord.put("checkpoint", checkpoint.toAbsolutePath().toString());
        RandomConvFeatures random = new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS, RANDOM_FEATURES_SEED,
                device);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("note", "Feature-space proxies, not FID: Frechet distance and KID on features of a small "
                + "classifier trained here on the dataset's labels, and of fixed random convolutions. With few "
                + "samples (featureN) both are biased and noisy; compare with the real-vs-real baseline.");
        record.put("classifier", classifierRecord);
        Map<String, Object> randomRecord = new LinkedHashMap<>();
        randomRecord.put("seed", RANDOM_FEATURES_SEED);
        randomRecord.put("channels", Arrays.stream(RandomConvFeatures.DEFAULT_CHANNELS).boxed().toList());
        randomRecord.put("dimension", random.dimension());
        randomRecord.put("init", "He-uniform weights from the seed, zero biases, untrained");
        record.put("random", randomRecord);
        store.writeJson("features.json", record);
        return new Extractors(classifier, random, record);
    }

    /**
     * The extractors from the cache that {@link #prepare} filled: an arm's process scores its
     * samples with the same classifier as the run's other rows.
     *
     * @param e the experiment
     * @param device where the extractors run
     * @return the extractors, with an empty record
     * @throws IllegalStateException when the classifier is not in the cache
     */
    public static Extractors cached(Experiment e, Device device) {
        ImageClassifier.Recipe recipe = ImageClassifier.Recipe.defaults(e.seeds().get(0));
        Path checkpoint = Path.of(e.output()).resolve(".cache").resolve("classifier-" + cacheKey(e, recipe) + ".ucb");
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalStateException("the feature classifier " + checkpoint + " is not in the cache; "
                    + "the run's feature stage makes it before any arm runs");
        }
        ImageClassifier classifier = new ImageClassifier(classes(e), recipe, device);
        try {
            Checkpoint.load(checkpoint, classifier.parameters());
        } catch (IOException | RuntimeException ex) {
            classifier.close();
            throw new IllegalStateException("cannot load the feature classifier " + checkpoint + ": " + ex.getMessage(),
                    ex);
        }
        return new Extractors(classifier, new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS,
                RANDOM_FEATURES_SEED, device), new LinkedHashMap<>());
    }

    /** The classifier's facts file parses (a damaged one is reported, and the classifier trained again). */
    private static boolean usableFacts(Path facts, PrintWriter out) {
        if (!Files.isRegularFile(facts)) {
            return false;
        }
        try {
            RunStore.JSON.readValue(facts.toFile(), new TypeReference<Map<String, Object>>() {
            });
            return true;
        } catch (IOException ex) {
            out.println("cache: " + facts.toAbsolutePath() + " cannot be read (" + ex.getMessage()
                    + "); training the feature classifier again");
            return false;
        }
    }

    private static Map<String, Object> train(ImageClassifier classifier, Datasets.Splits data, PrintWriter out) {
        var recipe = classifier.recipe();
        out.printf("features: training the feature classifier, %d steps (batch %d)%n", recipe.steps(),
                recipe.batchSize());
        long start = System.nanoTime();
        ImageSet train = data.train();
        double loss = ClassifierTrainer.train(classifier, train.images(), train.labels(), l -> {
            if (!Double.isFinite(l)) {
                throw new IllegalStateException("feature classifier training diverged: loss " + l);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        ImageSet test = data.reference().head(REFERENCE_SIZE); // the rest of the split is the gate floor's
        double accuracy = classifier.accuracy(test.images(), test.labels());
        out.printf("features: classifier test accuracy %.3f on %d held-out images (%.1f s)%n", accuracy,
                test.size(), seconds);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("recipe", recipe.canonical());
        facts.put("recipeVersion", RECIPE_VERSION);
        facts.put("classes", classifier.classes());
        facts.put("featureDimension", classifier.dimension());
        facts.put("trainImages", train.size());
        facts.put("testAccuracy", accuracy);
        facts.put("testImages", test.size());
        facts.put("testSet", "held-out reference split, disjoint from train and evaluation");
        facts.put("finalLoss", loss);
        facts.put("trainSeconds", seconds);
        return facts;
    }
}
