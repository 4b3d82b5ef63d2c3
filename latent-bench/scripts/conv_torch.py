"""Peer run for ConvBenchmark: the same convolutional autoencoder layers in PyTorch.

Conv2d(c, 32, 3, stride 2, padding 1) + ReLU, Conv2d(32, 64, 3, s2, p1) + ReLU,
ConvTranspose2d(64, 32, 3, s2, p1, output_padding 1) + ReLU, ConvTranspose2d(32, c, 3, s2, p1, op1),
mean squared error against the input, for c = 1 and c = 4 on batches of 28x28 images uniform in [0, 1);
then the encoder alone (the two convolutions and their ReLUs, the mean square of the code as the loss).
One step is zeroing the gradients, the forward pass and the backward pass (no optimizer step), as in
dev.latent.bench.ConvBenchmark. Each configuration is warmed up (3 steps: there is no JIT to warm), then timed in ROUNDS rounds of STEPS
steps; prints the median wall and process-CPU milliseconds per step. Run with
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 latent-bench/scripts/conv_torch.py 2 128 20 7
(arguments: threads, batch size, steps per round, rounds).
"""
import statistics
import sys
import time

import torch
from torch import nn


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 128
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    print(f"threads {threads}, batch {batch}, torch {torch.__version__}, "
          f"mkldnn {torch.backends.mkldnn.is_available()}")
    for decoder in (True, False):
        for channels in (1, 4):
            layers = [nn.Conv2d(channels, 32, 3, stride=2, padding=1), nn.ReLU(),
                      nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU()]
            if decoder:
                layers += [nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
                           nn.ConvTranspose2d(32, channels, 3, stride=2, padding=1, output_padding=1)]
            model = nn.Sequential(*layers)
            x = torch.rand(batch, channels, 28, 28)

            def step():
                model.zero_grad(set_to_none=False)
                y = model(x)
                loss = nn.functional.mse_loss(y, x) if decoder else (y * y).mean()
                loss.backward()
                return loss.item()

            for _ in range(3):
                step()
            wall, cpu = [], []
            for _ in range(rounds):
                c0, t0 = time.process_time(), time.perf_counter()
                for _ in range(steps):
                    step()
                wall.append((time.perf_counter() - t0) * 1000 / steps)
                cpu.append((time.process_time() - c0) * 1000 / steps)
            name = "autoencoder" if decoder else "encoder"
            print(f"{name} {channels}x28x28: median {statistics.median(wall):.2f} ms per step "
                  f"(min {min(wall):.2f}, max {max(wall):.2f}), cpu {statistics.median(cpu):.2f} ms per step",
                  flush=True)


if __name__ == "__main__":
    main()
