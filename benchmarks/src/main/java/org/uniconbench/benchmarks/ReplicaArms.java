package org.uniconbench.benchmarks;

import ai.djl.Device;
import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ConnectorKind;
import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.baselines.unet.UNetConfig;

import java.util.List;

/**
 * The arms the PyTorch replica defines ({@code benchmarks/python/replica_control.py}, ARMS), built
 * with the harness's classes: the quickstart's U-Net ({@code [16, 32, 64]}, one block per level,
 * 8 groups) and dit-claims' DiT (patch 4, width 96, 6 blocks, 4 heads, MLP ratio 2), each alone
 * ({@code unet-backbone}, {@code dit-backbone}), with a ControlNet, and with UniCon at matched
 * parameters ({@code unicon-half}: width 0.6 / 0.667) and as a full copy.
 */
public final class ReplicaArms {

    /** Every arm name, U-Net first. */
    public static final List<String> NAMES = List.of("unet-backbone", "controlnet", "unicon-half", "unicon-full",
            "dit-backbone", "dit-controlnet", "dit-unicon-half", "dit-unicon-full");

    private ReplicaArms() {
    }

    /**
     * The arm's adapter.
     *
     * @param arm one of {@link #NAMES}
     * @return the adapter, or null for a backbone alone
     * @throws IllegalArgumentException for another name (the message lists the names)
     */
    public static AdapterSpec spec(String arm) {
        if (!NAMES.contains(arm)) {
            throw new IllegalArgumentException("unknown arm " + arm + "; arms: " + String.join(" ", NAMES));
        }
        boolean dit = arm.startsWith("dit-");
        return switch (arm.replace("dit-", "").replace("unet-", "")) {
            case "controlnet" -> new AdapterSpec(Method.CONTROLNET, 1.0, 1, ConnectorKind.ZERO_CONV);
            case "unicon-half" -> new AdapterSpec(Method.UNICON, dit ? 0.667 : 0.6, 1, ConnectorKind.ZERO_FT);
            case "unicon-full" -> new AdapterSpec(Method.UNICON, 1.0, 1, ConnectorKind.ZERO_FT);
            default -> null; // backbone
        };
    }

    /**
     * The arm's backbone, freshly initialised on the CPU.
     *
     * @param arm one of {@link #NAMES}
     * @param resolution image side (the DiT's token count depends on it)
     * @param trainable true to train it (a backbone alone), false for the frozen backbone under control
     * @return the backbone
     */
    public static Backbone backbone(String arm, int resolution, boolean trainable) {
        return arm.startsWith("dit-")
                ? new Backbone(new DiTConfig(resolution, 1, 4, 96, 6, 4, 2, 96), Device.cpu(), 0, trainable)
                : new Backbone(new UNetConfig(List.of(16, 32, 64), 1, 8, 1, true), Device.cpu(), 0, trainable);
    }
}
