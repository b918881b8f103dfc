"""One Adam (or AdamW) step with bias correction, for an array of parameters (NumPy only)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Adam:
    """Adam with defaults from the paper; weight_decay > 0 gives AdamW's decoupled decay."""

    lr: float = 1e-3
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0
    t: int = 0
    m: np.ndarray | None = field(default=None, repr=False)
    v: np.ndarray | None = field(default=None, repr=False)

    def step(self, theta: np.ndarray, grad: np.ndarray) -> np.ndarray:
        """Return the updated parameters; the moment estimates are kept on the optimizer."""
        if self.m is None or self.v is None:
            self.m, self.v = np.zeros_like(theta), np.zeros_like(theta)
        self.t += 1  # t starts at 1, or the corrections below divide by zero
        self.m = self.beta1 * self.m + (1 - self.beta1) * grad  # first moment: momentum
        self.v = self.beta2 * self.v + (1 - self.beta2) * grad**2  # second moment: per-parameter scale
        m_hat = self.m / (1 - self.beta1**self.t)  # undo the pull toward the zero initial state
        v_hat = self.v / (1 - self.beta2**self.t)
        decay = self.lr * self.weight_decay * theta  # AdamW: shrink the weights directly, outside m and v
        return theta - self.lr * m_hat / (np.sqrt(v_hat) + self.eps) - decay
