package org.uniconbench.baselines.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link Denoiser} with the epsilon-prediction loss and {@link Adam}, one scoped step at a time.
 *
 * <p>Each step: draw a batch, timesteps and noise from a Java random stream (so the same seed gives
 * the same batches everywhere); forward and loss inside a gradient collector; backward; Adam update
 * of the trainable parameters only; zero their gradients. Every array of a step lives in the
 * step's own manager, closed at its end.
 *
 * <p>An optional wall-time limit ({@link TrainOptions#timeLimit}) ends training between steps, so
 * arms can be given the same training time instead of the same steps. On a GPU each phase waits for
 * the device before its clock is read, so step timings are not just the time to queue kernels.
 */
public final class Trainer {

    private final NoiseSchedule schedule;

    /**
     * Creates a trainer.
     *
     * @param schedule the backbone's noise schedule
     */
    public Trainer(NoiseSchedule schedule) {
        this.schedule = schedule;
    }

    /**
     * Runs the steps.
     *
     * @param model what to train (only its trainable parameters change)
     * @param data the training set
     * @param options steps, batch size, learning rate, seed, and an optional wall-time limit
     * @param onStep called after every step (its time counts towards the limit, except what a
     *     {@link PausingListener} reports as excluded)
     * @return the steps run: {@code options.steps()}, or fewer when the time limit stopped training
     */
    public int train(Denoiser model, TrainingData data, TrainOptions options,
            Consumer<StepRecord> onStep) {
        return train(model, data, options, new Adam(options.learningRate()), 0, onStep);
    }

    /**
     * Runs steps {@code done + 1} to {@code options.steps()}: continues a run that stopped after
     * step {@code done}. The draws of steps 1 to {@code done} (batch indices, timesteps, noise) are
     * replayed from the seed without running the model, so every later step sees the same batch,
     * timesteps and noise as in an uninterrupted run; with the parameters and the optimiser state
     * of step {@code done} restored, the losses are the same, bit for bit, on the CPU.
     *
     * @param model what to train, holding the parameters after step {@code done}
     * @param data the training set
     * @param options steps, batch size, learning rate, seed
     * @param adam the optimiser, holding its state after step {@code done} (a new one when 0);
     *     read it in {@code onStep} to checkpoint
     * @param done steps already taken, 0 to {@code options.steps()}
     * @param onStep called after every step
     * @return the last step run: {@code options.steps()}, or less when the time limit (counted from
     *     this call, so a resumed run gets its limit afresh) stopped training
     */
    public int train(Denoiser model, TrainingData data, TrainOptions options, Adam adam, int done,
            Consumer<StepRecord> onStep) {
        if (done < 0 || done > options.steps()) {
            throw new IllegalArgumentException("done must be in [0, " + options.steps() + "], found " + done);
        }
        List<ParameterSet.Parameter> trainable = model.trainableParameters();
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("The model has no trainable parameters");
        }
        NDManager parent = trainable.get(0).array().getManager();
        SplittableRandom random = new SplittableRandom(options.seed());
        for (int step = 1; step <= done; step++) {
            try (NDManager scope = parent.newSubManager()) {
                draw(data, options.batchSize(), random, scope); // the stream only; no model, no update
            }
        }
        boolean sync = parent.getDevice().isGpu();
        double[] weights = options.minSnrGamma() > 0 ? schedule.minSnrWeights(options.minSnrGamma()) : null;
        long start = System.nanoTime();
        long excludedBefore = excluded(onStep);
        int step = done + 1;
        for (; step <= options.steps(); step++) {
            // a time budget stops between steps; the first step always runs
            long training = System.nanoTime() - start - (excluded(onStep) - excludedBefore);
            if (step > done + 1 && options.timeLimit() != null && training >= options.timeLimit().toNanos()) {
                break;
            }
            onStep.accept(step(model, null, weights, data, options.batchSize(), random, adam, trainable, parent, step,
                    sync));
        }
        return step - 1;
    }

    /**
     * Distils: trains {@code trainable} (some of the student's parameters) for {@code options.steps()}
     * steps to reproduce the frozen {@code teacher}'s noise prediction, MSE on the same noisy inputs
     * (batches, timesteps and noise drawn as in {@link #train}, from {@code options.seed()}). The
     * student's other parameters are not updated and their gradients are zeroed after every step,
     * so they leave distillation exactly as they entered it.
     *
     * @param student the model whose prediction is fitted (its {@code predictNoise}, with the batch's condition)
     * @param teacher the frozen model whose prediction is the target, run without gradient
     * @param trainable the student's parameters to update
     * @param data the training set
     * @param options steps, batch size, learning rate, seed (no time limit)
     * @param onStep called after every step, its loss being the distillation MSE
     * @return the steps run
     */
    public int distill(Denoiser student, Denoiser teacher, List<ParameterSet.Parameter> trainable, TrainingData data,
            TrainOptions options, Consumer<StepRecord> onStep) {
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("nothing to distil: no parameters given");
        }
        java.util.Set<String> fitted = new java.util.HashSet<>();
        trainable.forEach(p -> fitted.add(p.name()));
        List<ParameterSet.Parameter> others = student.trainableParameters().stream()
                .filter(p -> !fitted.contains(p.name())).toList();
        NDManager parent = trainable.get(0).array().getManager();
        SplittableRandom random = new SplittableRandom(options.seed());
        Adam adam = new Adam(options.learningRate());
        boolean sync = parent.getDevice().isGpu();
        try {
            for (int step = 1; step <= options.steps(); step++) {
                onStep.accept(step(student, teacher, null, data, options.batchSize(), random, adam, trainable, parent,
                        step, sync));
                for (ParameterSet.Parameter p : others) {
                    Autograd.zeroGradient(p.array());
                }
            }
        } finally {
            adam.release(); // its moments would otherwise stay on the parameters' manager
        }
        return options.steps();
    }

    /**
     * The denoising loss on {@code data} without training: every example once, with a timestep and
     * noise drawn from {@code seed} (the same for every model given the same seed, whatever the
     * batch size), in batches of {@code batchSize}, no gradient recorded; the MSE over all values.
     *
     * @param model the model
     * @param data held-out examples
     * @param batchSize examples per forward pass
     * @param seed seed of the timesteps and noise
     * @return the mean squared error between predicted and true noise
     */
    public double heldOutLoss(Denoiser model, TrainingData data, int batchSize, long seed) {
        return heldOutLoss(model, data, batchSize, seed, 1);
    }

    /**
     * The denoising loss on {@code data} without training, each example scored at {@code draws}
     * timesteps, one from each of {@code draws} equal strata of the schedule (stratified sampling:
     * the loss varies far more across timesteps than across images, and one random timestep per
     * image makes a noisy estimate); timesteps and noise drawn from {@code seed}, the same for every
     * model and batch size. With one draw it is {@link #heldOutLoss(Denoiser, TrainingData, int, long)}.
     *
     * @param draws timesteps per example, 1..timesteps
     * @return the mean squared error between predicted and true noise over all draws
     */
    public double heldOutLoss(Denoiser model, TrainingData data, int batchSize, long seed, int draws) {
        return heldOutLoss(model, data, batchSize, seed, HeldOutScore.noise(draws));
    }

    /**
     * The held-out loss as {@code score} says: each example at {@code score.draws()} timesteps, one
     * from each equal stratum of the timesteps from {@code score.first(T)} to the last, compared with
     * {@code score.target()}. Timesteps and noise are drawn from {@code seed} per example, so they are
     * the same for every model and batch size. With the noise target over the whole schedule it is
     * {@link #heldOutLoss(Denoiser, TrainingData, int, long, int)}.
     *
     * @return the mean squared error over all draws and values
     */
    public double heldOutLoss(Denoiser model, TrainingData data, int batchSize, long seed, HeldOutScore score) {
        if (model.trainableParameters().isEmpty()) {
            throw new IllegalArgumentException(
                    "heldOutLoss scores a model under training: it has no trainable parameters");
        }
        int first = score.first(schedule.timesteps());
        int span = schedule.timesteps() - first;
        int draws = score.draws();
        if (draws > span) {
            throw new IllegalArgumentException(
                    "draws must be in 1.." + span + " (the scored timesteps), found " + draws);
        }
        NDManager parent = model.trainableParameters().get(0).array().getManager(); // its device
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        long count = 0;
        for (int d = 0; d < draws; d++) {
            int low = first + (int) ((long) d * span / draws);
            int high = first + (int) ((long) (d + 1) * span / draws);
            for (int from = 0; from < data.size(); from += batchSize) {
                int n = Math.min(batchSize, data.size() - from);
                try (NDManager scope = parent.newSubManager()) {
                    int[] indices = new int[n];
                    for (int i = 0; i < n; i++) {
                        indices[i] = from + i;
                    }
                    TrainingData.Batch batch = data.batch(scope, indices);
                    Shape shape = batch.images().getShape();
                    // per example, its timestep then its noise: the draws do not depend on the batching
                    int[] timesteps = new int[n];
                    float[] times = new float[n];
                    float[] gaussian = new float[(int) shape.size()];
                    int perExample = gaussian.length / n;
                    for (int i = 0; i < n; i++) {
                        timesteps[i] = low + random.nextInt(high - low);
                        times[i] = timesteps[i];
                        for (int k = 0; k < perExample; k++) {
                            gaussian[i * perExample + k] = (float) random.nextGaussian();
                        }
                    }
                    NDArray noise = scope.create(gaussian, shape);
                    NDArray timestepArray = scope.create(times);
                    NDArray noisy = schedule.addNoise(batch.images(), noise, timesteps);
                    float loss = Autograd.withoutGradient(() -> {
                        NDArray predicted = model.predictNoise(noisy, timestepArray, batch.conditions());
                        return score.target() == HeldOutScore.Target.NOISE
                                ? NoiseSchedule.loss(predicted, noise).getFloat()
                                : NoiseSchedule.loss(schedule.predictClean(noisy, predicted, timesteps),
                                        batch.images()).getFloat();
                    });
                    sum += (double) loss * shape.size();
                    count += shape.size();
                }
            }
        }
        return sum / count;
    }

    /** Time the listener spent on work that is not training ({@link PausingListener}); 0 for a plain one. */
    private static long excluded(Consumer<StepRecord> onStep) {
        return onStep instanceof PausingListener pausing ? pausing.excludedNanos() : 0;
    }

    /** One step's inputs, drawn from the stream. */
    private record Draw(TrainingData.Batch batch, int[] timesteps, NDArray timestepArray, NDArray noise) {
    }

    /** Draws a step's batch, timesteps and noise, in this order, on {@code scope}. */
    private Draw draw(TrainingData data, int batchSize, SplittableRandom random, NDManager scope) {
        int[] indices = new int[batchSize];
        int[] timesteps = new int[batchSize];
        float[] times = new float[batchSize];
        for (int i = 0; i < batchSize; i++) {
            indices[i] = random.nextInt(data.size());
            timesteps[i] = random.nextInt(schedule.timesteps());
            times[i] = timesteps[i];
        }
        TrainingData.Batch batch = data.batch(scope, indices);
        Shape shape = batch.images().getShape();
        float[] gaussian = new float[(int) shape.size()];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = (float) random.nextGaussian();
        }
        return new Draw(batch, timesteps, scope.create(times), scope.create(gaussian, shape));
    }

    /**
     * One step; the target is the drawn noise, or the teacher's prediction when there is a teacher;
     * with {@code weights} (one per timestep) each sample's error is weighted by its timestep's.
     */
    private StepRecord step(Denoiser model, Denoiser teacher, double[] weights, TrainingData data, int batchSize,
            SplittableRandom random,
            Adam adam, List<ParameterSet.Parameter> trainable, NDManager parent, int step, boolean sync) {
        try (NDManager scope = parent.newSubManager()) {
            long start = System.nanoTime();
            // data: batch, timesteps and noise from the Java stream
            Draw draw = draw(data, batchSize, random, scope);
            TrainingData.Batch batch = draw.batch();
            NDArray noise = draw.noise();
            NDArray timestepArray = draw.timestepArray();
            int[] timesteps = draw.timesteps();
            long dataDone = System.nanoTime();
            double loss;
            long forwardDone;
            long backwardDone;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // forward: noise the images, predict the noise, score it
                NDArray noisy = schedule.addNoise(batch.images(), noise, timesteps);
                NDArray predicted = model.predictNoise(noisy, timestepArray, batch.conditions());
                NDArray target = teacher == null ? noise
                        : Autograd
                                .withoutGradient(() -> teacher.predictNoise(noisy, timestepArray, batch.conditions()));
                NDArray lossArray = weights == null ? NoiseSchedule.loss(predicted, target)
                        : NoiseSchedule.weightedLoss(predicted, target, sampleWeights(weights, timesteps, scope));
                loss = lossArray.getFloat();
                forwardDone = System.nanoTime();
                // backward
                collector.backward(lossArray);
                if (sync) {
                    waitForDevice(scope);
                }
                backwardDone = System.nanoTime();
            }
            // optimiser: Adam on trainable parameters, then zero their gradients
            adam.step(trainable);
            if (sync) {
                waitForDevice(scope);
            }
            long optimizerDone = System.nanoTime();
            return new StepRecord(step, loss, ms(dataDone - start), ms(forwardDone - dataDone),
                    ms(backwardDone - forwardDone), ms(optimizerDone - backwardDone));
        }
    }

    /** The weight of each sample's timestep, {@code [N]}, on {@code scope}. */
    private static NDArray sampleWeights(double[] weights, int[] timesteps, NDManager scope) {
        float[] w = new float[timesteps.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) weights[timesteps[i]];
        }
        return scope.create(w);
    }

    /**
     * Waits until the device has run every queued kernel, so the clock read next includes them:
     * GPU work is asynchronous, and copying a value to the host waits for the stream. (The loss's
     * {@code getFloat} already does this for the forward pass.)
     */
    private static void waitForDevice(NDManager scope) {
        try (NDArray probe = scope.zeros(new Shape(1))) {
            probe.getFloat();
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
