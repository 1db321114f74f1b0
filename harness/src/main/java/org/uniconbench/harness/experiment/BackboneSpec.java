package org.uniconbench.harness.experiment;

import java.util.List;
import java.util.Objects;

/**
 * The {@code backbone:} block: the frozen denoising network the adapters steer.
 *
 * @param kind       U-Net or DiT
 * @param channels   channels per resolution level, 1 to 4 levels, each 8..512 and divisible by {@code groups}
 * @param resBlocks  residual blocks per level, 1..4
 * @param groups     group-norm groups, 1..64
 * @param dit        the transformer's shape (meaningful for {@code kind: dit})
 * @param checkpoint backbone checkpoint file to load; when set, pretraining is skipped; may be {@code null}
 * @param pretrain   how the backbone is pretrained when there is no checkpoint
 */
public record BackboneSpec(BackboneKind kind, List<Integer> channels, int resBlocks, int groups, DitSpec dit,
        String checkpoint, PretrainSpec pretrain) {

    /** Copies the channel list (unmodifiable) and rejects nulls. */
    public BackboneSpec {
        Objects.requireNonNull(kind, "kind");
        channels = List.copyOf(channels);
        Objects.requireNonNull(dit, "dit");
        Objects.requireNonNull(pretrain, "pretrain");
    }

    /** Number of resolution levels; each level below the first halves the image side. */
    public int levels() {
        return channels.size();
    }
}
