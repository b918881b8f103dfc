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
        # Written as "not (... )" so that NaN, which fails every comparison, is rejected too.
        if not (0 < self.lr < np.inf and 0 <= self.beta1 < 1 and 0 <= self.beta2 < 1 and 0 < self.eps < np.inf):
            raise ValueError("need a finite lr > 0, betas in [0, 1) and a finite eps > 0 (eps = 0 makes 0/0)")
        if not 0 <= self.weight_decay < np.inf:
            raise ValueError("weight_decay must be a finite number >= 0")
        theta, grad = np.asarray(theta, dtype=float), np.asarray(grad, dtype=float)
        if self.m is None or self.v is None:
            self.m, self.v = np.zeros_like(theta), np.zeros_like(theta)
        if grad.shape != theta.shape or self.m.shape != theta.shape:
            raise ValueError("grad and the optimizer state must have the parameters' shape")
        with np.errstate(over="ignore"):
            grad_sq = grad**2  # |g| above about 1.3e154 overflows to inf here, which would pin v at inf for good
        if not (np.isfinite(grad).all() and np.isfinite(grad_sq).all()):
            # skip-or-stop, as mixed-precision loss scalers do; never poison m and v
            raise FloatingPointError("non-finite gradient or squared gradient: lower the learning rate or clip")
        self.t += 1  # t starts at 1, or the corrections below divide by zero
        self.m = self.beta1 * self.m + (1 - self.beta1) * grad  # first moment: momentum
        self.v = self.beta2 * self.v + (1 - self.beta2) * grad_sq  # second moment: per-parameter scale
        m_hat = self.m / (1 - self.beta1**self.t)  # undo the pull toward the zero initial state
        v_hat = self.v / (1 - self.beta2**self.t)
        decay = self.lr * self.weight_decay * theta  # AdamW: shrink the weights directly, outside m and v
        return theta - self.lr * m_hat / (np.sqrt(v_hat) + self.eps) - decay
