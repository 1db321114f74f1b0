package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.Spelled;

/** Which network the frozen backbone is ({@code backbone.kind:}). */
public enum BackboneKind implements Spelled {
    /** A convolutional U-Net with skip connections (improved-diffusion style). */
    UNET,
    /** A diffusion transformer (Peebles and Xie, 2023): patch embedding, adaLN-Zero blocks, unpatchify. */
    DIT
}
