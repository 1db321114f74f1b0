package org.uniconbench.harness.experiment;

/** Which network the frozen backbone is ({@code backbone.kind:}). */
public enum BackboneKind {
    /** A convolutional U-Net with skip connections (improved-diffusion style). */
    UNET("unet"),
    /** A diffusion transformer (Peebles and Xie, 2023): patch embedding, adaLN-Zero blocks, unpatchify. */
    DIT("dit");

    private final String yamlName;

    BackboneKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in experiment files, e.g. {@code dit}. */
    public String yamlName() {
        return yamlName;
    }
}
