package org.uniconbench.baselines.cost;

import ai.djl.Device;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ConnectorKind;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.control.Flow;
import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.control.Scope;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.baselines.unet.UNetConfig;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cost model's parameter counts equal those of the models the harness builds, for U-Net and
 * DiT backbones of several sizes and every scope, flow, connector, width and depth; no count is
 * written down here, each is read off a built model.
 */
class CostModelParametersTest {

    static Stream<Arguments> unetArms() {
        UNetConfig small = new UNetConfig(List.of(32, 64, 64), 1, 8, 1, true);
        UNetConfig deep = new UNetConfig(List.of(16, 32), 2, 4, 1, true);
        UNetConfig wide = new UNetConfig(List.of(64, 128, 128, 128), 2, 16, 1, true);
        return Stream.of(
                Arguments.of(small, new AdapterSpec(Method.CONTROLNET, 1.0, 1, ConnectorKind.ZERO_CONV)),
                Arguments.of(small, new AdapterSpec(Method.UNICON, 1.0, 1, ConnectorKind.ZERO_FT)),
                Arguments.of(small, new AdapterSpec(Method.UNICON, 0.6, 1, ConnectorKind.ZERO_FT)),
                Arguments.of(small, new AdapterSpec(Method.UNICON, 0.35, 1, ConnectorKind.ZERO_CONV)),
                Arguments.of(small, new AdapterSpec(Method.UNICON, Scope.FULL, Flow.BIDIRECTIONAL, 1.0, 1,
                        ConnectorKind.ZERO_CONV)),
                Arguments.of(deep, new AdapterSpec(Method.CONTROLNET, 0.5, 1, ConnectorKind.ZERO_FT)),
                Arguments.of(deep, new AdapterSpec(Method.UNICON, 0.75, 2, ConnectorKind.ZERO_FT)),
                Arguments.of(deep, new AdapterSpec(Method.UNICON, 1.0, 1, ConnectorKind.ZERO_CONV)),
                Arguments.of(wide, new AdapterSpec(Method.CONTROLNET, 1.0, 2, ConnectorKind.ZERO_CONV)),
                Arguments.of(wide, new AdapterSpec(Method.UNICON, 0.7, 2, ConnectorKind.ZERO_FT)));
    }

    @ParameterizedTest
    @MethodSource("unetArms")
    void unetCountsEqualTheBuiltModel(UNetConfig config, AdapterSpec spec) {
        ArmCost cost = CostModel.unet(config, 16, spec, 2, Precision.FP32);
        try (Backbone backbone = new Backbone(config, Device.cpu(), 0, false);
                ControlledModel model = new ControlledModel(backbone, spec, 0)) {
            assertEquals(backbone.parameters().count(false), cost.frozenParams(), "frozen");
            assertEquals(model.parameters().count(true), cost.trainableParams(), "trainable");
            assertEquals(model.connectorKeys().size(), cost.connectors(), "connectors");
        }
    }

    static Stream<Arguments> ditArms() {
        DiTConfig small = DiTConfig.small();
        DiTConfig odd = new DiTConfig(16, 1, 2, 48, 5, 3, 2, 48);
        Stream.Builder<Arguments> out = Stream.builder();
        DiTConfig skips = new DiTConfig(16, 1, 2, 48, 5, 3, 2, 48, true); // U-ViT long skips: 3<-1, 4<-0
        DiTConfig convMlp = new DiTConfig(16, 1, 2, 48, 5, 3, 2, 48, true, true); // and a depthwise conv per MLP
        for (DiTConfig config : List.of(small, odd, skips, convMlp)) {
            for (Scope scope : Scope.values()) {
                for (Flow flow : Flow.values()) {
                    if (scope.problem(flow, true) != null) {
                        continue;
                    }
                    for (ConnectorKind kind : ConnectorKind.values()) {
                        out.add(Arguments.of(config, new AdapterSpec(Method.UNICON, scope, flow, 1.0, 1, kind)));
                    }
                    out.add(Arguments.of(config, new AdapterSpec(Method.UNICON, scope, flow, 0.55, 1,
                            ConnectorKind.ZERO_FT)));
                }
            }
        }
        return out.build();
    }

    @ParameterizedTest
    @MethodSource("ditArms")
    void ditCountsEqualTheBuiltModel(DiTConfig config, AdapterSpec spec) {
        ArmCost cost = CostModel.dit(config, spec, 2, Precision.FP32);
        try (Backbone backbone = new Backbone(config, Device.cpu(), 0, false);
                ControlledModel model = new ControlledModel(backbone, spec, 0)) {
            assertEquals(backbone.parameters().count(false), cost.frozenParams(), "frozen");
            assertEquals(model.parameters().count(true), cost.trainableParams(), "trainable");
            assertEquals(model.connectorKeys().size(), cost.connectors(), "connectors");
        }
    }
}
