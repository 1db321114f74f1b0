"""PyTorch-eager replica of ControlNet and UniCon as baselines/.../control/ wires them.

UNetArm mirrors UNetTopology (scope encoder + bidirectional = ControlNet, scope full +
unidirectional = UniCon), ChainArm mirrors ChainTopology for the DiT (the same two variants), and
HintEncoder / the chain hint / the connectors mirror their Java classes, parameter names included.
ZeroFT is our reading of the paper, h' = h + Z1(s) * h + Z2(s) (see Connector.java), computed as
h * (1 + Z1(s)) + Z2(s) with the 1 folded into Z1's bias, as the Java code does.

ARMS names the networks the golden check and the step benchmark use: the quickstart's U-Net arms
(experiments/quickstart.yaml) and the DiT arms of experiments/dit-claims.yaml.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from replica_nets import DiT, DiTConfig, Layers, Ops, Store, UNet, UNetConfig, patchify


def connector(layers, kind, name, source, target, tokens):
    """Connector.create / createForTokens: zero-conv (ZeroConv/ZeroMLP) or zero-ft."""
    if kind == "zero-conv":
        z = layers.dense(name, source, target, zero=True) if tokens else layers.conv(name, source, target, 1, zero=True)
        return lambda s, h: h + z(s)
    if kind != "zero-ft":
        raise ValueError("unknown connector " + kind)
    params = layers.dense_params if tokens else layers.conv_params
    w1, b1 = params(name + ".scale", source, target)
    w2, b2 = params(name + ".shift", source, target)
    one = torch.ones(1)
    layer = F.linear if tokens else F.conv2d
    # h * (1 + Z1(s)) + Z2(s): the reading h + Z1(s) * h + Z2(s), regrouped
    return lambda s, h: h * layer(s, w1, one + b1) + layer(s, w2, b2)


class UNetArm:
    """A U-Net backbone with a ControlNet (encoder, bidirectional) or UniCon (full, unidirectional) adapter."""

    def __init__(self, config, method, width, connector_kind, ops, generator):
        self.frozen = Store(False, generator)
        self.trainable = Store(True, generator)
        self.backbone = UNet(config, Layers(self.frozen), ops)
        self.method = method
        if method == "backbone":
            return
        full = method == "unicon"
        layers = Layers(self.trainable)
        copy = config.scaled(width, config.res_blocks, full)
        self.adapter = UNet(copy, layers, ops)
        # HintEncoder: conv3 -> SiLU -> conv3 -> SiLU -> zero conv3
        c1 = layers.conv("hint.conv1", 1, 16, 3)
        c2 = layers.conv("hint.conv2", 16, 32, 3)
        cz = layers.conv("hint.zero", 32, copy.channels[0], 3, zero=True)
        self.hint = lambda c: cz(ops.silu(c2(ops.silu(c1(c)))))
        self.connectors = {}
        for key, channels in self.adapter.block_channels.items():
            base = self.backbone.block_channels.get(key)
            if base is None:
                continue
            if not full:
                if key == "mid.res1" or key == "in" or key.startswith("enc"):
                    self.connectors[key] = connector(layers, connector_kind, "zero." + key, channels, base, False)
            else:
                self.connectors[key] = connector(layers, connector_kind, "connector." + key, base, channels, False)

    def __call__(self, noisy, t, condition):
        if self.method == "backbone":
            return self.backbone.forward(noisy, t)
        hint = self.hint(condition)
        if self.method == "controlnet":
            temb = self.backbone.embed_time(t)
            skips, middle = self.backbone.encode(noisy, temb)
            control, control_middle = self.adapter.encode(
                noisy, self.adapter.embed_time(t), lambda k, h: h + hint if k == "in" else h)
            copied = dict(control)
            skips = [(k, self.connectors[k](copied[k], f)) if k in copied and k in self.connectors else (k, f)
                     for k, f in skips]
            middle = self.connectors["mid.res1"](control_middle, middle)
            return self.backbone.decode(skips, middle, temb)
        # UniCon: frozen backbone forward only, its features one way into the trainable copy
        features = {}
        with torch.no_grad():
            self.backbone.forward(noisy, t, lambda k, h: features.setdefault(k, h))

        def feed(key, h):
            fed = h + hint if key == "in" else h
            c = self.connectors.get(key)
            return fed if c is None else c(features[key], fed)
        return self.adapter.forward(noisy, t, feed)


class ChainArm:
    """A DiT backbone with a ControlNet (first half, bidirectional) or UniCon (all blocks, unidirectional) adapter."""

    def __init__(self, config, method, width, connector_kind, ops, generator):
        self.frozen = Store(False, generator)
        self.trainable = Store(True, generator)
        self.backbone = DiT(config, Layers(self.frozen), ops)
        self.method, self.ops = method, ops
        if method == "backbone":
            return
        n = config.depth
        self.copied = sorted(range(n // 2)) if method == "controlnet" else list(range(n))
        self.first = self.copied[0]
        copy = config.scaled(width)
        self.width = copy.hidden
        layers = Layers(self.trainable)
        uni = method == "unicon"
        self.adapter = DiT(copy, layers, ops, set(self.copied), self.first == 0, uni)
        hint_in = layers.dense("hint.fc", copy.patch_values(), self.width)
        hint_zero = layers.dense("hint.zero", self.width, self.width, zero=True)
        self.hint = lambda c: hint_zero(ops.silu(hint_in(patchify(c, copy.patch))))
        d = config.hidden
        self.connectors = {i: connector(layers, connector_kind, f"connector.block{i}", d, self.width, True) if uni
                           else connector(layers, connector_kind, f"zero.block{i}", self.width, d, True)
                           for i in self.copied}

    def start(self, noisy, feature, hint):
        a = self.adapter.embed(noisy) if self.first == 0 else feature[:, :, :self.width]
        return a + hint

    def __call__(self, noisy, t, condition):
        if self.method == "backbone":
            return self.backbone.forward(noisy, t)
        b = self.backbone
        if self.method == "controlnet":
            c, ca, hint = b.embed_time(t), self.adapter.embed_time(t), self.hint(condition)
            h, a = b.embed(noisy), None
            for i in range(b.cfg.depth):
                if i == self.first:
                    a = self.start(noisy, h, hint)
                h = b.block(i, h, c)
                if i in self.connectors:
                    a = self.adapter.block(i, a, ca)
                    h = self.connectors[i](a, h)
            return b.final(h, c)
        with torch.no_grad():
            c = b.embed_time(t)
            features = [b.embed(noisy)]
            for i in range(b.cfg.depth):
                features.append(b.block(i, features[-1], c))
        ca = self.adapter.embed_time(t)
        a = self.start(noisy, features[self.first], self.hint(condition))
        for i in self.copied:
            a = self.connectors[i](features[i + 1], self.adapter.block(i, a, ca))
        return self.adapter.final(a, ca)


def unet_config(channels=(16, 32, 64), res_blocks=1, groups=8):
    """experiments/quickstart.yaml's backbone unless given."""
    return UNetConfig(list(channels), res_blocks, groups)


def dit_config(resolution, patch=4, hidden=96, depth=6, heads=4, mlp_ratio=2):
    """experiments/dit-claims.yaml's backbone unless given (time features = hidden, as Blueprint.dit)."""
    return DiTConfig(resolution, 1, patch, hidden, depth, heads, mlp_ratio, hidden)


# name -> (kind, method, width, connector)
ARMS = {
    "unet-backbone": ("unet", "backbone", 1.0, None),
    "controlnet": ("unet", "controlnet", 1.0, "zero-conv"),
    "unicon-half": ("unet", "unicon", 0.6, "zero-ft"),
    "unicon-full": ("unet", "unicon", 1.0, "zero-ft"),
    "dit-backbone": ("dit", "backbone", 1.0, None),
    "dit-controlnet": ("dit", "controlnet", 1.0, "zero-conv"),
    "dit-unicon-half": ("dit", "unicon", 0.667, "zero-ft"),
    "dit-unicon-full": ("dit", "unicon", 1.0, "zero-ft"),
}


def build(arm, resolution, faithful, seed=0, unet=None, dit=None):
    """The arm's networks; `unet` / `dit`: keyword overrides of unet_config / dit_config (larger presets)."""
    kind, method, width, kind_connector = ARMS[arm]
    ops = Ops(faithful)
    generator = torch.Generator(device=torch.get_default_device()).manual_seed(seed)
    if kind == "unet":
        return UNetArm(unet_config(**(unet or {})), method, width, kind_connector, ops, generator)
    return ChainArm(dit_config(resolution, **(dit or {})), method, width, kind_connector, ops, generator)


def java_hash(name):
    """Java's String.hashCode (ASCII names)."""
    h = 0
    for ch in name:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h


def deterministic_values(name, shape):
    """ReplicaWeights.values in Java: the same float32 values for a parameter name and shape."""
    size = int(np.prod(shape))
    phase = (java_hash(name) % 1000) / 1000.0 * 2 * math.pi  # Java floorMod: Python's % is already floor
    angles = 1.7 * np.arange(size, dtype=np.float64) + phase
    if name.endswith(".gamma"):
        values = 1 + 0.2 * np.sin(angles)
    elif name.endswith(".beta") or name.endswith(".bias") or len(shape) == 1:
        values = 0.1 * np.sin(angles)
    else:
        values = np.sin(angles) * math.sqrt(3.0 / (size // shape[0]))
    return values.astype(np.float32).reshape(shape)


def set_deterministic(arm):
    with torch.no_grad():
        for store in (arm.frozen, arm.trainable):
            for name, t in store.tensors.items():
                t.copy_(torch.from_numpy(deterministic_values(name, tuple(t.shape))))


def deterministic_inputs(resolution, n=2):
    """ReplicaWeights.inputs in Java: noisy images, timesteps, conditions."""
    size = n * resolution * resolution
    j = np.arange(size, dtype=np.float64)
    noisy = np.sin(0.37 * j).astype(np.float32).reshape(n, 1, resolution, resolution)
    condition = (((j.astype(np.int64) * 7) % 11) / 10.0).astype(np.float32).reshape(n, 1, resolution, resolution)
    t = np.array([17.0, 503.0][:n], dtype=np.float32)
    return torch.from_numpy(noisy), torch.from_numpy(t), torch.from_numpy(condition)
