package org.uniconbench.baselines.features;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.train.Adam;
import org.uniconbench.metrics.GrayImage;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * Trains an {@link ImageClassifier} with cross-entropy and {@link Adam}, in the same shape as the
 * diffusion {@link org.uniconbench.baselines.train.Trainer}: per step, a batch drawn from a Java
 * random stream (the recipe's seed), forward and loss in a gradient collector, backward, Adam,
 * everything of the step in its own scope.
 */
public final class ClassifierTrainer {

    private ClassifierTrainer() {
    }

    /**
     * Runs the recipe's steps.
     *
     * @param model the classifier
     * @param images training images in [0, 1]
     * @param labels their labels, in {@code 0..classes-1}
     * @param onStep receives each step's loss
     * @return the last step's loss
     */
    public static double train(ImageClassifier model, List<GrayImage> images, int[] labels, DoubleConsumer onStep) {
        ImageClassifier.Recipe recipe = model.recipe();
        List<ParameterSet.Parameter> trainable = model.parameters().trainable();
        NDManager parent = model.parameters().manager();
        Adam adam = new Adam(recipe.learningRate());
        SplittableRandom random = new SplittableRandom(recipe.seed() ^ 0xc1a5_5e5eL);
        double loss = Double.NaN;
        for (int step = 0; step < recipe.steps(); step++) {
            List<GrayImage> batch = new ArrayList<>(recipe.batchSize());
            float[] oneHot = new float[recipe.batchSize() * model.classes()];
            for (int i = 0; i < recipe.batchSize(); i++) {
                int index = random.nextInt(images.size());
                batch.add(images.get(index));
                oneHot[i * model.classes() + labels[index]] = 1f;
            }
            try (NDManager scope = parent.newSubManager()) {
                NDArray x = ConvTower.batch(scope, batch);
                NDArray target = scope.create(oneHot, new Shape(recipe.batchSize(), model.classes()));
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    // cross-entropy: -mean over the batch of log softmax at the label
                    NDArray logProbabilities = model.logits(x).logSoftmax(1);
                    NDArray lossArray = logProbabilities.mul(target).sum(new int[] {1}).mean().neg();
                    loss = lossArray.getFloat();
                    collector.backward(lossArray);
                }
                adam.step(trainable);
            }
            onStep.accept(loss);
        }
        return loss;
    }
}
