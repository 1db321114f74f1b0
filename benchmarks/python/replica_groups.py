"""How the replica's GroupNorms split their channels: baselines/.../nn/GroupLayout.java and SliceIndex.java.

A backbone's norm has equal groups (uniform_groups). A narrower adapter copy's norm is the backbone's
norm of the same name, sliced (slice_groups): each copy group holds exactly the copy's channels of one
backbone group, so a decoder norm over a concatenated [h, skip] can have unequal groups; those are
normalised through GroupNorm.java's averaging matrix (averaging_matrix).
"""
import torch


def averaging_matrix(sizes):
    """GroupNorm.averagingMatrix: [C x C], 1 / size(g) where both channels are in group g, else 0."""
    c = sum(sizes)
    m = torch.zeros(c, c)
    start = 0
    for s in sizes:
        m[start:start + s, start:start + s] = 1.0 / s
        start += s
    return m


def slice_index(source_parts, copy_parts):
    """SliceIndex.of: the backbone channel each copy channel reads (the first channels of every part)."""
    if len(source_parts) != len(copy_parts):
        raise ValueError("concatenated parts differ")
    index, start = [], 0
    for src, dst in zip(source_parts, copy_parts):
        if dst > src:
            raise ValueError(f"adapter part of {dst} channels is wider than the backbone's {src}")
        index += range(start, start + dst)
        start += src
    return index


def uniform_groups(channels, groups):
    """GroupLayout.uniform: `groups` groups of channels / groups."""
    if groups < 1 or channels % groups:
        raise ValueError(f"{channels} channels are not divisible by {groups} groups")
    return [channels // groups] * groups


def slice_groups(source_sizes, source_parts, copy_parts):
    """GroupLayout.slice: one group per backbone group the copy reads, holding the copy's channels of it."""
    group_of = [g for g, s in enumerate(source_sizes) for _ in range(s)]
    if sum(source_parts) != len(group_of):
        raise ValueError(f"parts {source_parts} do not add up to {len(group_of)} channels")
    sizes, previous = [], None
    for k in slice_index(source_parts, copy_parts):
        if group_of[k] != previous:
            sizes.append(0)
            previous = group_of[k]
        sizes[-1] += 1
    return sizes
