"""PyTorch-eager replica of the harness's backbones: the U-Net and the DiT of baselines/.

Same parameter names, shapes and creation order as the Java networks (baselines/.../unet/UNet.java,
ResBlock.java, dit/DiT.java, DiTBlock.java, AdaLN.java, Attention.java, FinalLayer.java,
PatchEmbed.java), so the two can be loaded with the same weights by name. Parameters live in a flat
name -> tensor store and the networks are written with torch.nn.functional: the same kernels as
nn.Module layers, without module bookkeeping.

`Ops` says how two operations are spelled:
- faithful=True mirrors the Java code op for op: GroupNorm in equal groups as layer_norm over
  [N, G, C/G*H*W] rows plus the per-channel affine, in unequal groups (a sliced adapter copy's
  decoder norms) through GroupNorm.java's [C x C] averaging matrix; SiLU as x * sigmoid(x);
- faithful=False is what a PyTorch user would write: F.group_norm (per group for unequal groups)
  and F.silu (fused kernels).
Both compute the same function (within float rounding).

Narrower adapter copies are sliced as the Java code slices them: a U-Net copy keeps the backbone's
GroupNorm group size and a subset of its groups (UNetConfig.scaled), each copy norm grouping its
channels as the backbone's norm of the same name, sliced (GroupLayout.slice, SliceIndex); a DiT copy
keeps the head dimension and drops whole heads (attention width heads * head_dim, which can differ
from hidden) and takes the first hidden channels of the backbone's position table (DiTConfig.scaled).
"""
import math

import torch
import torch.nn.functional as F

from replica_groups import averaging_matrix, slice_groups, uniform_groups


class Ops:
    """How GroupNorm and SiLU are spelled (see the module docstring)."""

    def __init__(self, faithful):
        self.faithful = faithful

    def silu(self, x):
        return x * torch.sigmoid(x) if self.faithful else F.silu(x)

    def group_norm(self, x, gamma, beta, sizes, averaging=None):
        """GroupNorm over consecutive groups of `sizes` channels; `averaging`: averaging_matrix(sizes)
        when they are unequal."""
        uniform = all(s == sizes[0] for s in sizes)
        if not self.faithful:
            if uniform:
                return F.group_norm(x, len(sizes), gamma.reshape(-1), beta.reshape(-1), 1e-5)
            return torch.cat([F.group_norm(part, 1, g.reshape(-1), b.reshape(-1), 1e-5) for part, g, b in
                              zip(x.split(sizes, 1), gamma.split(sizes, 1), beta.split(sizes, 1))], 1)
        n = x.shape[0]
        if uniform:
            rows = x.reshape(n, len(sizes), -1)
            return F.layer_norm(rows, rows.shape[2:], eps=1e-5).reshape(x.shape) * gamma + beta
        # GroupNorm.forward's unequal groups: per-channel means averaged within each group
        c = x.shape[1]
        mean = (x.reshape(n, c, -1).mean(2) @ averaging).reshape(n, c, 1, 1)
        centred = x - mean
        variance = ((centred * centred).reshape(n, c, -1).mean(2) @ averaging).reshape(n, c, 1, 1)
        return centred / (variance + 1e-5).sqrt() * gamma + beta


class Store:
    """Named parameters, in creation order; all trainable or all frozen."""

    def __init__(self, trainable, generator):
        self.trainable = trainable
        self.generator = generator
        self.tensors = {}

    def add(self, name, shape, init):
        if name in self.tensors:
            raise ValueError("duplicate parameter " + name)
        t = torch.empty(shape)
        if init == "zeros":
            t.zero_()
        elif init == "ones":
            t.fill_(1.0)
        else:  # PyTorch's default for conv and linear: uniform in +-1/sqrt(fan_in)
            bound = 1.0 / math.sqrt(init)
            t.uniform_(-bound, bound, generator=self.generator)
        t.requires_grad_(self.trainable)
        self.tensors[name] = t
        return t

    def count(self):
        return sum(t.numel() for t in self.tensors.values())


class Layers:
    """The Java Layers factory: conv, dense, group norm, with the same names and shapes."""

    def __init__(self, store):
        self.store = store

    def conv(self, name, cin, cout, k, stride=1, zero=False):
        fan = cin * k * k
        w = self.store.add(name + ".weight", (cout, cin, k, k), "zeros" if zero else fan)
        b = self.store.add(name + ".bias", (cout,), "zeros" if zero else fan)
        return lambda x: F.conv2d(x, w, b, stride, k // 2)

    def conv_params(self, name, cin, cout):
        """A zero 1x1 conv's weight and bias (for ZeroFT, which folds 1 into the bias)."""
        w = self.store.add(name + ".weight", (cout, cin, 1, 1), "zeros")
        b = self.store.add(name + ".bias", (cout,), "zeros")
        return w, b

    def dense(self, name, cin, cout, zero=False):
        w = self.store.add(name + ".weight", (cout, cin), "zeros" if zero else cin)
        b = self.store.add(name + ".bias", (cout,), "zeros" if zero else cin)
        return lambda x: F.linear(x, w, b)

    def dense_params(self, name, cin, cout):
        w = self.store.add(name + ".weight", (cout, cin), "zeros")
        b = self.store.add(name + ".bias", (cout,), "zeros")
        return w, b

    def group_norm(self, name, sizes, ops):
        """Layers.groupNorm(name, layout, ...): consecutive groups of `sizes` channels."""
        channels = sum(sizes)
        gamma = self.store.add(name + ".gamma", (1, channels, 1, 1), "ones")
        beta = self.store.add(name + ".beta", (1, channels, 1, 1), "zeros")
        # a constant, not a parameter (as in Java)
        averaging = None if all(s == sizes[0] for s in sizes) else averaging_matrix(sizes)
        return lambda x: ops.group_norm(x, gamma, beta, sizes, averaging)


def java_round(x):
    """Java's Math.round (half up), not Python's round (half to even)."""
    return int(math.floor(x + 0.5))


class UNetConfig:
    """baselines/.../unet/UNetConfig.java; `source`: the backbone's config when this is a sliced copy."""

    def __init__(self, channels, res_blocks, groups, image_channels=1, with_decoder=True, time_features=None,
                 source=None):
        self.channels = list(channels)
        self.res_blocks = res_blocks
        self.groups = groups
        self.image_channels = image_channels
        self.with_decoder = with_decoder
        self.time_features = time_features or self.channels[0]
        self.source = source
        for c in self.channels:
            if c % groups:
                raise ValueError(f"channels {self.channels} must be divisible by groups {groups}")

    def time_dim(self):
        return 4 * self.channels[0]

    def kept_groups(self, width):
        """UNetConfig.keptGroups: round(groups * width), at least 1."""
        return max(1, java_round(self.groups * width))

    def scaled(self, width, depth, decoder):
        """UNetConfig.scaled: every level keeps the backbone's group size and the same k of its groups."""
        if self.source is not None:
            raise ValueError("scale the backbone's config, not a copy's")
        kept = self.kept_groups(width)
        channels = [c // self.groups * kept for c in self.channels]
        return UNetConfig(channels, depth, kept, self.image_channels, decoder, self.time_features, self)


def unet_plan(config):
    """UNet.plan: (key, kind, input parts, output channels) in execution and parameter creation order."""
    ch = config.channels
    steps = [("in", "in", [config.image_channels], ch[0])]
    skip_channels = [ch[0]]
    cur = ch[0]
    levels = len(ch)
    for level in range(levels):
        for j in range(config.res_blocks):
            steps.append((f"enc{level}.res{j}", "res", [cur], ch[level]))
            cur = ch[level]
            skip_channels.append(cur)
        if level < levels - 1:
            steps.append((f"enc{level}.down", "down", [cur], cur))
            skip_channels.append(cur)
    steps.append(("mid.res0", "res", [cur], cur))
    steps.append(("mid.res1", "res", [cur], cur))
    if not config.with_decoder:
        return steps
    for level in reversed(range(levels)):
        for j in range(config.res_blocks + 1):
            steps.append((f"dec{level}.res{j}", "res", [cur, skip_channels.pop()], ch[level]))
            cur = ch[level]
        if level > 0:
            steps.append((f"dec{level}.up", "up", [cur], cur))
    steps.append(("out", "out", [cur], config.image_channels))
    return steps


def norm_inputs(config):
    """UNet.normInputs: every GroupNorm's name and its input parts."""
    norms = {}
    for key, kind, parts, out in unet_plan(config):
        if kind == "res":
            norms[key + ".norm1"] = parts
            norms[key + ".norm2"] = [out]
        elif kind == "out":
            norms["out.norm"] = parts
    return norms


class ResBlock:
    def __init__(self, layers, norm, name, parts, cout, time_dim, ops):
        self.ops = ops
        cin = sum(parts)
        self.norm1 = norm(name + ".norm1", parts)
        self.conv1 = layers.conv(name + ".conv1", cin, cout, 3)
        self.time = layers.dense(name + ".time", time_dim, cout)
        self.norm2 = norm(name + ".norm2", [cout])
        self.conv2 = layers.conv(name + ".conv2", cout, cout, 3)
        self.skip = None if cin == cout else layers.conv(name + ".skip", cin, cout, 1)

    def __call__(self, x, temb):
        h = self.conv1(self.ops.silu(self.norm1(x)))
        h = h + self.time(temb)[:, :, None, None]
        h = self.conv2(self.ops.silu(self.norm2(h)))
        return (x if self.skip is None else self.skip(x)) + h


def no_hook(key, h):
    return h


class UNet:
    """baselines/.../unet/UNet.java: encode (in, encoder, middle) and decode (decoder, head)."""

    def __init__(self, config, layers, ops):
        self.config = config
        self.ops = ops
        td = config.time_dim()
        source_norms = None if config.source is None else norm_inputs(config.source)
        self.group_sizes = {}

        def norm(name, parts):
            # a backbone's norms: equal groups; a copy's: the source's norm of the same name, sliced
            if source_norms is None:
                sizes = uniform_groups(sum(parts), config.groups)
            else:
                if name not in source_norms:
                    raise ValueError(name + ": the copy has a norm its source lacks")
                source_parts = source_norms[name]
                sizes = slice_groups(uniform_groups(sum(source_parts), config.source.groups), source_parts, parts)
            self.group_sizes[name] = sizes
            return layers.group_norm(name, sizes, ops)

        self.time1 = layers.dense("time.fc1", config.time_features, td)
        self.time2 = layers.dense("time.fc2", td, td)
        self.block_channels = {}
        self.blocks, self.resamplers = {}, {}
        for key, kind, parts, out in unet_plan(config):
            channels = sum(parts)
            if kind == "in":
                self.in_conv = layers.conv(key, config.image_channels, out, 3)
            elif kind == "res":
                self.blocks[key] = ResBlock(layers, norm, key, parts, out, td, ops)
            elif kind == "down":
                self.resamplers[key] = layers.conv(key, channels, channels, 3, stride=2)
            elif kind == "up":
                self.resamplers[key] = layers.conv(key, channels, channels, 3)
            else:
                self.out_norm = norm("out.norm", parts)
                self.out_conv = layers.conv("out.conv", channels, config.image_channels, 3)
            if kind != "out":
                self.block_channels[key] = out

    def upsample(self, x):
        """Nearest 2x: UNet.upsampleNearest's broadcast and reshape, or F.interpolate (same values)."""
        if not self.ops.faithful:
            return F.interpolate(x, scale_factor=2, mode="nearest")
        n, c, h, w = x.shape
        return x.reshape(n, c, h, 1, w, 1).expand(n, c, h, 2, w, 2).reshape(n, c, 2 * h, 2 * w)

    def embed_time(self, t):
        half = self.config.time_features // 2
        freqs = torch.tensor([math.exp(-math.log(10000.0) * i / half) for i in range(half)],
                             dtype=torch.float32)
        angles = t.reshape(-1, 1) * freqs.reshape(1, half)
        features = torch.cat([angles.cos(), angles.sin()], 1)
        return self.ops.silu(self.time2(self.ops.silu(self.time1(features))))

    def encode(self, x, temb, hook=no_hook):
        """Returns (skips as [(key, feature)], middle)."""
        levels = len(self.config.channels)
        h = hook("in", self.in_conv(x))
        skips = [("in", h)]
        for level in range(levels):
            for j in range(self.config.res_blocks):
                key = f"enc{level}.res{j}"
                h = hook(key, self.blocks[key](h, temb))
                skips.append((key, h))
            if level < levels - 1:
                key = f"enc{level}.down"
                h = hook(key, self.resamplers[key](h))
                skips.append((key, h))
        h = hook("mid.res0", self.blocks["mid.res0"](h, temb))
        h = hook("mid.res1", self.blocks["mid.res1"](h, temb))
        return skips, h

    def decode(self, skips, middle, temb, hook=no_hook):
        stack = [f for _, f in skips]
        h = middle
        for level in reversed(range(len(self.config.channels))):
            for j in range(self.config.res_blocks + 1):
                key = f"dec{level}.res{j}"
                h = hook(key, self.blocks[key](torch.cat([h, stack.pop()], 1), temb))
            if level > 0:
                key = f"dec{level}.up"
                h = hook(key, self.resamplers[key](self.upsample(h)))
        return self.out_conv(self.ops.silu(self.out_norm(h)))

    def forward(self, x, t, hook=no_hook):
        temb = self.embed_time(t)
        skips, middle = self.encode(x, temb, hook)
        return self.decode(skips, middle, temb, hook)


class DiTConfig:
    """baselines/.../dit/DiTConfig.java."""

    def __init__(self, image_size, image_channels, patch, hidden, depth, heads, mlp_ratio, time_features,
                 head_dim=None, position_width=None):
        """head_dim and position_width left out: a backbone's (hidden / heads and hidden)."""
        if head_dim is None and hidden % heads:
            raise ValueError(f"hidden must be a multiple of heads {heads}, found {hidden}")
        self.image_size, self.image_channels, self.patch = image_size, image_channels, patch
        self.hidden, self.depth, self.heads = hidden, depth, heads
        self.mlp_ratio, self.time_features = mlp_ratio, time_features
        self.head_dim = hidden // heads if head_dim is None else head_dim
        self.position_width = hidden if position_width is None else position_width
        if self.position_width % 4 or hidden > self.position_width:
            raise ValueError(f"position table width {self.position_width}: a multiple of 4, at least hidden {hidden}")

    def attention_width(self):
        """heads * head_dim: hidden in a backbone, not necessarily in a copy."""
        return self.heads * self.head_dim

    def grid(self):
        return self.image_size // self.patch

    def patch_values(self):
        return self.patch * self.patch * self.image_channels

    def scaled(self, width):
        """DiTConfig.scaled: hidden rounded to a multiple of 4, whole heads of the backbone's head_dim,
        the backbone's position table."""
        if self.position_width != self.hidden:
            raise ValueError("scale the backbone's config, not a copy's")
        hidden = max(4, java_round(self.hidden * width / 4) * 4)
        heads = max(1, java_round(self.heads * width))
        return DiTConfig(self.image_size, self.image_channels, self.patch, hidden, self.depth, heads,
                         self.mlp_ratio, self.time_features, self.head_dim, self.position_width)


def patchify(x, p):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // p, p, w // p, p).permute(0, 2, 4, 3, 5, 1).reshape(n, (h // p) * (w // p), p * p * c)


def unpatchify(tokens, p, channels):
    n, t, _ = tokens.shape
    g = int(round(math.sqrt(t)))
    return tokens.reshape(n, g, g, p, p, channels).permute(0, 5, 1, 3, 2, 4).reshape(n, channels, g * p, g * p)


def position_table(width, grid):
    """PatchEmbed.positionTable: [sin(col w), cos(col w), sin(row w), cos(row w)] per token."""
    q = width // 4
    table = torch.zeros(grid * grid, width, dtype=torch.float64)
    for row in range(grid):
        for col in range(grid):
            for k in range(q):
                f = math.pow(10000.0, -k / q)
                base = row * grid + col
                table[base, k] = math.sin(col * f)
                table[base, q + k] = math.cos(col * f)
                table[base, 2 * q + k] = math.sin(row * f)
                table[base, 3 * q + k] = math.cos(row * f)
    return table.float().reshape(1, grid * grid, width)


class AdaLN:
    def __init__(self, layers, name, hidden, parts, ops):
        self.parts, self.ops = parts, ops
        self.projection = layers.dense(name, hidden, parts * hidden, zero=True)

    def modulation(self, c):
        n, d = c.shape
        return self.projection(self.ops.silu(c)).reshape(n, 1, self.parts * d).split(d, dim=2)

    @staticmethod
    def normalise(x):
        return F.layer_norm(x, x.shape[2:], eps=1e-6)

    @staticmethod
    def modulate(x, shift, scale):
        return x + x * scale + shift


class DiTBlock:
    def __init__(self, layers, name, cfg, ops):
        d = cfg.hidden
        a = cfg.attention_width()
        self.ada = AdaLN(layers, name + ".ada", d, 6, ops)
        self.heads, self.head_dim = cfg.heads, cfg.head_dim
        self.qkv = layers.dense(name + ".attn.qkv", d, 3 * a)
        self.out = layers.dense(name + ".attn.out", a, d)
        self.fc1 = layers.dense(name + ".mlp.fc1", d, cfg.mlp_ratio * d)
        self.fc2 = layers.dense(name + ".mlp.fc2", cfg.mlp_ratio * d, d)

    def attention(self, x):
        n, t, _ = x.shape
        hd, a = self.head_dim, self.heads * self.head_dim
        q, k, v = (p.reshape(n, t, self.heads, hd).transpose(1, 2) for p in self.qkv(x).split(a, dim=2))
        weights = ((q * (1 / math.sqrt(hd))) @ k.transpose(2, 3)).softmax(3)
        return self.out((weights @ v).transpose(1, 2).reshape(n, t, a))

    def __call__(self, x, c):
        m = self.ada.modulation(c)
        x = x + self.attention(AdaLN.modulate(AdaLN.normalise(x), m[0], m[1])) * m[2]
        h = self.fc2(F.gelu(self.fc1(AdaLN.modulate(AdaLN.normalise(x), m[3], m[4]))))
        return x + h * m[5]


class DiT:
    """baselines/.../dit/DiT.java, whole or partial (an adapter's copied blocks)."""

    def __init__(self, cfg, layers, ops, copied=None, with_embed=True, with_final=True):
        self.cfg, self.ops = cfg, ops
        d = cfg.hidden
        self.time1 = layers.dense("time.fc1", cfg.time_features, d)
        self.time2 = layers.dense("time.fc2", d, d)
        half = cfg.time_features // 2
        self.freqs = torch.tensor([math.exp(-math.log(10000.0) * i / half) for i in range(half)],
                                  dtype=torch.float32).reshape(1, half)
        if with_embed:
            self.proj = layers.dense("embed.proj", cfg.patch_values(), d)
            # PatchEmbed: the first hidden channels of the position_width table (a copy: the backbone's)
            self.position = position_table(cfg.position_width, cfg.grid())[:, :, :d].contiguous()
        self.blocks = {i: DiTBlock(layers, f"block{i}", cfg, ops)
                       for i in range(cfg.depth) if copied is None or i in copied}
        if with_final:
            self.final_ada = AdaLN(layers, "final.ada", d, 2, ops)
            self.final_proj = layers.dense("final.proj", d, cfg.patch_values(), zero=True)

    def embed_time(self, t):
        angles = t.reshape(-1, 1) * self.freqs
        return self.time2(self.ops.silu(self.time1(torch.cat([angles.cos(), angles.sin()], 1))))

    def embed(self, x):
        return self.proj(patchify(x, self.cfg.patch)) + self.position

    def block(self, i, tokens, c):
        return self.blocks[i](tokens, c)

    def final(self, x, c):
        m = self.final_ada.modulation(c)
        patches = self.final_proj(AdaLN.modulate(AdaLN.normalise(x), m[0], m[1]))
        return unpatchify(patches, self.cfg.patch, self.cfg.image_channels)

    def forward(self, x, t, hook=no_hook):
        c = self.embed_time(t)
        tokens = hook("embed", self.embed(x))
        for i in range(self.cfg.depth):
            tokens = hook(f"block{i}", self.block(i, tokens, c))
        return self.final(tokens, c)
