package org.uniconbench.baselines.train;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.unet.Backbone;

class ZzDebugTest {
    @Test
    void debug() {
        var data = Datasets.load(Datasets.Kind.SHAPES, 8, 2, 1, null, 21, new Condition.Downsample(2)).train();
        try (Backbone b = new Backbone(new org.uniconbench.baselines.unet.UNetConfig(java.util.List.of(16, 32), 1, 8, 1, true), Device.cpu(), 5, true)) {
            new Trainer(new NoiseSchedule(1000, 1e-4, 0.02)).train(b, data, new TrainOptions(150, 2, 1e-3, 9),
                r -> System.out.printf("%d loss %.4f data %.1f fwd %.1f bwd %.1f opt %.1f w0 %s%n", r.step(), r.loss(), r.dataMs(), r.forwardMs(), r.backwardMs(), r.optimizerMs(),
                     b.parameters().get("in.weight").array().toFloatArray()[0]));
        }
    }
}
