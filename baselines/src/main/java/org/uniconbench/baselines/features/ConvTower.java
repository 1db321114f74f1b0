package org.uniconbench.baselines.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.Conv2d;
import org.uniconbench.baselines.nn.Init;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.metrics.GrayImage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The convolutional part shared by both extractors: a 3x3 convolution per entry of
 * {@code channels}, each followed by ReLU, the first with stride 1 and the others with stride 2,
 * then a global average pool: {@code [N x 1 x H x W] -> [N x channels[last]]}.
 */
final class ConvTower {

    /** Images per forward pass when extracting features or class scores. */
    private static final int BATCH = 256;

    private final List<Conv2d> convs = new ArrayList<>();

    /**
     * Adds the tower's parameters to {@code parameters}.
     *
     * @param parameters where the weights live
     * @param prefix parameter name prefix
     * @param channels output channels per layer
     * @param init the random stream
     * @param gain multiplies PyTorch's default uniform bound (sqrt(6) gives He-uniform, which
     *     keeps the activations' scale through untrained ReLU layers)
     * @param trainable whether the weights are trained
     */
    ConvTower(ParameterSet parameters, String prefix, int[] channels, Init init, double gain, boolean trainable) {
        int in = 1;
        for (int i = 0; i < channels.length; i++) {
            int out = channels[i];
            int fanIn = in * 9;
            NDArray w = parameters.add(prefix + i + ".weight", new Shape(out, in, 3, 3),
                    scaled(init.uniform(out * fanIn, fanIn), gain), trainable, null);
            NDArray b = parameters.add(prefix + i + ".bias", new Shape(out), new float[out], trainable, null);
            convs.add(new Conv2d(w, b, i == 0 ? 1 : 2, 1));
            in = out;
        }
    }

    private static float[] scaled(float[] values, double gain) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (values[i] * gain);
        }
        return values;
    }

    /** {@code [N x 1 x H x W] -> [N x C]}; results live on {@code x}'s manager. */
    NDArray forward(NDArray x) {
        NDArray h = x;
        for (Conv2d conv : convs) {
            // convolution, then ReLU (no scalar operands: safe under autograd)
            h = Activation.relu(conv.forward(h));
        }
        // global average pool over height and width
        return h.mean(new int[] {3}).mean(new int[] {2});
    }

    /** Output channels. */
    int dimension() {
        return convs.get(convs.size() - 1).outChannels();
    }

    /** Images as a {@code [N x 1 x H x W]} array of [0, 1] values on {@code manager}. */
    static NDArray batch(NDManager manager, List<GrayImage> images) {
        int w = images.get(0).width();
        int h = images.get(0).height();
        float[] values = new float[images.size() * w * h];
        for (int i = 0; i < images.size(); i++) {
            GrayImage image = images.get(i);
            if (image.width() != w || image.height() != h) {
                throw new IllegalArgumentException("image " + i + " is " + image.width() + "x" + image.height()
                        + ", image 0 is " + w + "x" + h + "; resize them to one size first");
            }
            System.arraycopy(image.pixels(), 0, values, i * w * h, w * h);
        }
        return manager.create(values, new Shape(images.size(), 1, h, w));
    }

    /** {@code [N x D]} float array to rows. */
    static float[][] rows(NDArray features) {
        int n = (int) features.getShape().get(0);
        int d = (int) features.getShape().get(1);
        float[] flat = features.toFloatArray();
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    /**
     * Runs {@code network} over the images in batches of {@value #BATCH}, without gradient, each
     * batch in its own sub-manager of {@code parent}: one output row per image, in order.
     *
     * @param parent the manager of the network's weights
     * @param images images of one size, in [0, 1]
     * @param network {@code [N x 1 x H x W] -> [N x D]}
     * @return N rows of D values
     */
    static float[][] rowsInBatches(NDManager parent, List<GrayImage> images, UnaryOperator<NDArray> network) {
        List<float[]> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += BATCH) {
            List<GrayImage> part = images.subList(from, Math.min(images.size(), from + BATCH));
            try (NDManager scope = parent.newSubManager()) {
                out.addAll(List.of(Autograd.withoutGradient(() -> rows(network.apply(batch(scope, part))))));
            }
        }
        return out.toArray(new float[0][]);
    }
}
