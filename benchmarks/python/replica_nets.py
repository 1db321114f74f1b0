"""PyTorch-eager replica of the harness's backbones: the U-Net and the DiT of baselines/.

Same parameter names, shapes and creation order as the Java networks (baselines/.../unet/UNet.java,
ResBlock.java, dit/DiT.java, DiTBlock.java, AdaLN.java, Attention.java, FinalLayer.java,
PatchEmbed.java), so the two can be loaded with the same weights by name. Parameters live in a flat
name -> tensor store and the networks are written with torch.nn.functional: the same kernels as
nn.Module layers, without module bookkeeping.

`Ops` says how two operations are spelled:
- faithful=True mirrors the Java code op for op: GroupNorm as layer_norm over [N, G, C/G*H*W]
  rows plus the per-channel affine, SiLU as x * sigmoid(x);
- faithful=False is what a PyTorch user would write: F.group_norm and F.silu (fused kernels).
Both compute the same function (within float rounding).
"""
import math

import torch
import torch.nn.functional as F


class Ops:
    """How GroupNorm and SiLU are spelled (see the module docstring)."""

    def __init__(self, faithful):
        self.faithful = faithful

    def silu(self, x):
        return x * torch.sigmoid(x) if self.faithful else F.silu(x)

    def group_norm(self, x, gamma, beta, groups):
        if not self.faithful:
            return F.group_norm(x, groups, gamma.reshape(-1), beta.reshape(-1), 1e-5)
        n = x.shape[0]
        rows = x.reshape(n, groups, -1)
        return F.layer_norm(rows, rows.shape[2:], eps=1e-5).reshape(x.shape) * gamma + beta


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

    def group_norm(self, name, channels, groups, ops):
        if channels % groups:
            raise ValueError(f"{name}: {channels} channels are not divisible by {groups} groups")
        gamma = self.store.add(name + ".gamma", (1, channels, 1, 1), "ones")
        beta = self.store.add(name + ".beta", (1, channels, 1, 1), "zeros")
        return lambda x: ops.group_norm(x, gamma, beta, groups)


def java_round(x):
    """Java's Math.round (half up), not Python's round (half to even)."""
    return int(math.floor(x + 0.5))


class UNetConfig:
    """baselines/.../unet/UNetConfig.java."""

    def __init__(self, channels, res_blocks, groups, image_channels=1, with_decoder=True, time_features=None):
        self.channels = list(channels)
        self.res_blocks = res_blocks
        self.groups = groups
        self.image_channels = image_channels
        self.with_decoder = with_decoder
        self.time_features = time_features or self.channels[0]

    def time_dim(self):
        return 4 * self.channels[0]

    def scaled(self, width, depth, decoder):
        """UNetConfig.scaled: channels rounded to whole groups, at least one group."""
        g = self.groups
        channels = [max(g, java_round(c * width / g) * g) for c in self.channels]
        return UNetConfig(channels, depth, g, self.image_channels, decoder, self.time_features)


class ResBlock:
    def __init__(self, layers, name, cin, cout, time_dim, groups, ops):
        self.ops = ops
        self.norm1 = layers.group_norm(name + ".norm1", cin, groups, ops)
        self.conv1 = layers.conv(name + ".conv1", cin, cout, 3)
        self.time = layers.dense(name + ".time", time_dim, cout)
        self.norm2 = layers.group_norm(name + ".norm2", cout, groups, ops)
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
        ch = config.channels
        td = config.time_dim()
        self.time1 = layers.dense("time.fc1", config.time_features, td)
        self.time2 = layers.dense("time.fc2", td, td)
        self.in_conv = layers.conv("in", config.image_channels, ch[0], 3)
        self.block_channels = {"in": ch[0]}
        self.blocks, self.resamplers = {}, {}
        skip_channels = [ch[0]]
        cur = ch[0]
        levels = len(ch)
        for level in range(levels):
            for j in range(config.res_blocks):
                key = f"enc{level}.res{j}"
                self.blocks[key] = ResBlock(layers, key, cur, ch[level], td, config.groups, ops)
                cur = ch[level]
                self.block_channels[key] = cur
                skip_channels.append(cur)
            if level < levels - 1:
                key = f"enc{level}.down"
                self.resamplers[key] = layers.conv(key, cur, cur, 3, stride=2)
                self.block_channels[key] = cur
                skip_channels.append(cur)
        for key in ("mid.res0", "mid.res1"):
            self.blocks[key] = ResBlock(layers, key, cur, cur, td, config.groups, ops)
            self.block_channels[key] = cur
        if not config.with_decoder:
            return
        for level in reversed(range(levels)):
            for j in range(config.res_blocks + 1):
                key = f"dec{level}.res{j}"
                skip = skip_channels.pop()
                self.blocks[key] = ResBlock(layers, key, cur + skip, ch[level], td, config.groups, ops)
                cur = ch[level]
                self.block_channels[key] = cur
            if level > 0:
                key = f"dec{level}.up"
                self.resamplers[key] = layers.conv(key, cur, cur, 3)
                self.block_channels[key] = cur
        self.out_norm = layers.group_norm("out.norm", cur, config.groups, ops)
        self.out_conv = layers.conv("out.conv", cur, config.image_channels, 3)

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

    def __init__(self, image_size, image_channels, patch, hidden, depth, heads, mlp_ratio, time_features):
        self.image_size, self.image_channels, self.patch = image_size, image_channels, patch
        self.hidden, self.depth, self.heads = hidden, depth, heads
        self.mlp_ratio, self.time_features = mlp_ratio, time_features

    def grid(self):
        return self.image_size // self.patch

    def patch_values(self):
        return self.patch * self.patch * self.image_channels

    def scaled(self, width):
        unit = self.heads * 4 // math.gcd(self.heads, 4)
        hidden = max(unit, java_round(self.hidden * width / unit) * unit)
        return DiTConfig(self.image_size, self.image_channels, self.patch, hidden, self.depth, self.heads,
                         self.mlp_ratio, self.time_features)


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
        self.ada = AdaLN(layers, name + ".ada", d, 6, ops)
        self.heads = cfg.heads
        self.qkv = layers.dense(name + ".attn.qkv", d, 3 * d)
        self.out = layers.dense(name + ".attn.out", d, d)
        self.fc1 = layers.dense(name + ".mlp.fc1", d, cfg.mlp_ratio * d)
        self.fc2 = layers.dense(name + ".mlp.fc2", cfg.mlp_ratio * d, d)

    def attention(self, x):
        n, t, d = x.shape
        hd = d // self.heads
        q, k, v = (p.reshape(n, t, self.heads, hd).transpose(1, 2) for p in self.qkv(x).split(d, dim=2))
        weights = ((q * (1 / math.sqrt(hd))) @ k.transpose(2, 3)).softmax(3)
        return self.out((weights @ v).transpose(1, 2).reshape(n, t, d))

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
            self.position = position_table(d, cfg.grid())
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
