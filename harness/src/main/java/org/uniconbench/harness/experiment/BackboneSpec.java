package org.uniconbench.harness.experiment;

import java.util.List;
import java.util.Objects;

/**
 * The {@code backbone:} block: the frozen denoising U-Net the adapters steer.
 *
 * @param channels   channels per resolution level, 1 to 4 levels, each 8..512 and divisible by {@code groups}
 * @param resBlocks  residual blocks per level, 1..4
 * @param groups     group-norm groups, 1..64
 * @param checkpoint backbone checkpoint file to load; when set, pretraining is skipped; may be {@code null}
 * @param pretrain   how the backbone is pretrained when there is no checkpoint
 */
public record BackboneSpec(List<Integer> channels, int resBlocks, int groups, String checkpoint, PretrainSpec pretrain) {

    /** Copies the channel list (unmodifiable) and rejects a null pretrain block. */
    public BackboneSpec {
        channels = List.copyOf(channels);
        Objects.requireNonNull(pretrain, "pretrain");
    }

    /** Number of resolution levels; each level below the first halves the image side. */
    public int levels() {
        return channels.size();
    }
}
