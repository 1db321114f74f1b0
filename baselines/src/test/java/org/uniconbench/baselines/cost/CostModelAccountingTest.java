package org.uniconbench.baselines.cost;

import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ConnectorKind;
import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.unet.UNetConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-operation rules of the cost model and what they imply for the two methods. */
class CostModelAccountingTest {

    private static final UNetConfig UNET = new UNetConfig(List.of(32, 64, 64), 1, 8, 1, true);
    private static final AdapterSpec CONTROLNET = new AdapterSpec(Method.CONTROLNET, 1.0, 1, ConnectorKind.ZERO_CONV);
    private static final AdapterSpec UNICON = new AdapterSpec(Method.UNICON, 1.0, 1, ConnectorKind.ZERO_FT);

    @Test
    void frozenConvolutionBackwardComputesTheInputGradientOnly() {
        Graph g = new Graph();
        Graph.Tensor constant = g.input(2 * 8 * 16 * 16);
        g.conv(constant, 2, 8, 16, 16, 8, 3, 1, false);
        assertEquals(0, g.backwardFlops(Part.BACKBONE), "frozen weights on a constant: no graph");
        assertEquals(0, g.savedElements());
        Graph.Tensor inGraph = g.conv(constant, 2, 8, 16, 16, 8, 3, 1, true);
        double trainableForward = g.forwardFlops(Part.BACKBONE) / 2;
        assertEquals(trainableForward, g.backwardFlops(Part.BACKBONE), 1e-9, "trainable, constant input: weight only");
        g.conv(inGraph, 2, 8, 16, 16, 8, 3, 1, false);
        assertEquals(2 * trainableForward, g.backwardFlops(Part.BACKBONE), 1e-9, "frozen, input in graph: input only");
        g.conv(inGraph, 2, 8, 16, 16, 8, 3, 1, true);
        assertEquals(4 * trainableForward, g.backwardFlops(Part.BACKBONE), 1e-9, "trainable, input in graph: 2x");
    }

    @Test
    void linearKeepsItsInputOnlyWhenItsWeightTrains() {
        Graph g = new Graph();
        Graph.Tensor x = g.linear(g.input(4 * 10), 4, 10, 10, true); // in the graph
        long before = g.savedElements();
        g.linear(x, 4, 10, 10, false);
        assertEquals(before, g.savedElements(), "frozen linear keeps nothing");
        g.linear(x, 4, 10, 10, true);
        assertEquals(before + 40, g.savedElements(), "trainable linear keeps its input");
        g.conv(x, 4, 10, 1, 1, 10, 1, 1, false);
        assertEquals(before + 40, g.savedElements(), "a tensor kept twice is counted once");
    }

    @Test
    void controlNetKeepsTheFrozenDecodersActivationsAndUniconNoneOfTheBackbones() {
        Graph controlNet = ArmWalk.unet(UNET, 32, CONTROLNET, 4).graph();
        Graph uniCon = ArmWalk.unet(UNET, 32, UNICON, 4).graph();
        assertTrue(controlNet.savedElements(Part.BACKBONE) > 0);
        assertTrue(controlNet.backwardFlops(Part.BACKBONE) > 0);
        assertEquals(0, uniCon.savedElements(Part.BACKBONE));
        assertEquals(0, uniCon.backwardFlops(Part.BACKBONE));
        // input gradients only: the frozen decoder's backward is less than the whole backbone's forward
        assertTrue(controlNet.backwardFlops(Part.BACKBONE) < controlNet.forwardFlops(Part.BACKBONE));
        // UniCon runs the whole backbone forward, as ControlNet does (encoder, then decoder)
        assertEquals(controlNet.forwardFlops(Part.BACKBONE), uniCon.forwardFlops(Part.BACKBONE),
                0.01 * uniCon.forwardFlops(Part.BACKBONE));
    }

    @Test
    void activationsScaleWithTheBatchAndBytesWithThePrecision() {
        for (AdapterSpec spec : List.of(CONTROLNET, UNICON)) {
            ArmCost four = CostModel.unet(UNET, 32, spec, 4, Precision.FP32);
            ArmCost eight = CostModel.unet(UNET, 32, spec, 8, Precision.FP32);
            ArmCost half = CostModel.unet(UNET, 32, spec, 4, Precision.BF16);
            assertEquals(2 * four.activationBytes(), eight.activationBytes());
            assertEquals(2 * four.forwardFlopsTotal(), eight.forwardFlopsTotal(), 1e-6 * eight.forwardFlopsTotal());
            assertEquals(four.gradientBytes(), eight.gradientBytes());
            assertEquals(four.trainingBytes(), 2 * half.trainingBytes());
            assertEquals(2 * four.gradientBytes(), four.optimizerBytes());
        }
    }

    @Test
    void attentionKeepsTheSoftmaxWhoseSizeGrowsWithTheSquareOfTheTokens() {
        AdapterSpec unicon = new AdapterSpec(Method.UNICON, 1.0, 1, ConnectorKind.ZERO_FT);
        DiTConfig coarse = new DiTConfig(32, 1, 4, 96, 2, 4, 4, 96); // 64 tokens
        DiTConfig fine = new DiTConfig(32, 1, 2, 96, 2, 4, 4, 96); // 256 tokens
        long coarseBytes = CostModel.dit(coarse, unicon, 2, Precision.FP32).savedActivationBytes();
        long fineBytes = CostModel.dit(fine, unicon, 2, Precision.FP32).savedActivationBytes();
        assertTrue(fineBytes > 4 * coarseBytes, fineBytes + " vs " + coarseBytes);
    }

    @Test
    void refusesWhatCannotBeBuiltWithTheReason() {
        IllegalArgumentException resolution = assertThrows(IllegalArgumentException.class,
                () -> CostModel.unet(UNET, 30, UNICON, 2, Precision.FP32));
        assertTrue(resolution.getMessage().contains("not divisible by 4"), resolution.getMessage());
        AdapterSpec encoderOnlyUnicon = new AdapterSpec(Method.UNICON,
                org.uniconbench.baselines.control.Scope.ENCODER,
                org.uniconbench.baselines.control.Flow.UNIDIRECTIONAL, 1.0, 1, ConnectorKind.ZERO_FT);
        assertThrows(IllegalArgumentException.class, () -> CostModel.unet(UNET, 32, encoderOnlyUnicon, 2,
                Precision.FP32));
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp8"));
    }
}
