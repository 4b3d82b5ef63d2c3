# Peer for DenseAutoencoderBenchmark: PyTorch (Debian python3-torch), 2 threads, the dense autoencoder
# 784-512-256-32-256-512-784 (ReLU, linear code, sigmoid output), MSE, Adam 1e-3, batch 128, on the MNIST
# training images scaled to [0, 1]; prints the time and mean loss of each epoch and the test MSE.
# Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 latent-bench/scripts/dense_ae_torch.py MNIST_DIR EPOCHS
import sys, time, numpy as np, torch
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(0)
d, epochs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1

def images(name):
    with open(d + '/' + name, 'rb') as f:
        return torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)

train, test = images('train-images-idx3-ubyte'), images('t10k-images-idx3-ubyte')
model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 32),
                      nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 784), nn.Sigmoid())
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.MSELoss()
g = torch.Generator().manual_seed(0)
for epoch in range(epochs):
    t0 = time.time()
    perm = torch.randperm(train.shape[0], generator=g)
    total = 0.0
    for i in range(0, train.shape[0], 128):
        x = train[perm[i:i + 128]]
        opt.zero_grad()
        loss = loss_fn(model(x), x)
        loss.backward()
        opt.step()
        total += loss.item() * x.shape[0]
    print(f"epoch {epoch + 1}: {time.time() - t0:.2f} s, train MSE {total / train.shape[0]:.5f}", flush=True)
with torch.no_grad():
    print(f"test MSE {loss_fn(model(test), test).item():.5f}")
