# Peer for VaeMnistBenchmark: PyTorch (Debian python3-torch), 2 threads, a VAE with a Bernoulli decoder on the
# MNIST (or Fashion-MNIST) training images scaled to [0, 1], Adam 1e-3, batch 128, the loss of a sample summed
# over its pixels and code dimensions (reconstruction BCE + KL), averaged over the batch as Latent does.
# dense: 784-400-20(x2)-400-784 (ReLU); conv: stride-2 3x3 convolutions 32, 64 (ReLU), dense to 2 x 20, mirrored
# with a dense layer and transposed convolutions. Prints the time and loss of each epoch, the test -ELBO with its
# two terms and the IW-100 bound on the first 1,000 test images, in nats.
# TORCH_THREADS overrides the thread count (default 2). SEED (default 0) seeds the weights, the shuffles and the draws.
# Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 latent-bench/scripts/vae_torch.py DIR EPOCHS [dense|conv] [IW_IMAGES] [SEED]
import sys, os, gzip, math, time, numpy as np, torch
from torch import nn
import torch.nn.functional as F

torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "2")))
d, epochs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1
arch = sys.argv[3] if len(sys.argv) > 3 else 'dense'
iw_images = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
torch.manual_seed(seed)
L = 20

def images(name):
    p = os.path.join(d, name)
    data = open(p, 'rb').read() if os.path.exists(p) else gzip.open(p + '.gz').read()
    return torch.from_numpy(np.frombuffer(data, np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)

if arch == 'dense':
    enc = nn.Sequential(nn.Linear(784, 400), nn.ReLU(), nn.Linear(400, 2 * L))
    dec = nn.Sequential(nn.Linear(L, 400), nn.ReLU(), nn.Linear(400, 784))
else:
    enc = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1),
                        nn.ReLU(), nn.Flatten(), nn.Linear(64 * 7 * 7, 2 * L))
    dec = nn.Sequential(nn.Linear(L, 64 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
                        nn.ConvTranspose2d(64, 32, 3, 2, 1, output_padding=1), nn.ReLU(),
                        nn.ConvTranspose2d(32, 1, 3, 2, 1, output_padding=1), nn.Flatten())

def terms(x, eps):
    h = enc(x)
    mu, lv = h[:, :L], h[:, L:]
    z = mu + torch.exp(0.5 * lv) * eps
    rec = F.binary_cross_entropy_with_logits(dec(z), x, reduction='none').sum(1)
    kl = -0.5 * (1 + lv - mu * mu - lv.exp()).sum(1)
    return rec, kl

train, test = images('train-images-idx3-ubyte'), images('t10k-images-idx3-ubyte')
opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
g = torch.Generator().manual_seed(seed)
for epoch in range(epochs):
    t0, c0 = time.time(), time.process_time()
    perm = torch.randperm(train.shape[0], generator=g)
    total = 0.0
    for i in range(0, train.shape[0], 128):
        x = train[perm[i:i + 128]]
        opt.zero_grad()
        rec, kl = terms(x, torch.randn(x.shape[0], L))
        loss = (rec + kl).mean()
        loss.backward()
        opt.step()
        total += loss.item() * x.shape[0]
    print(f"epoch {epoch + 1}: {time.time() - t0:.2f} s ({time.process_time() - c0:.2f} s CPU), train loss {total / train.shape[0]:.3f}", flush=True)
with torch.no_grad():
    rec, kl = terms(test, torch.randn(test.shape[0], L))
    print(f"test -ELBO {(rec + kl).mean().item():.3f} (reconstruction {rec.mean().item():.3f}, KL {kl.mean().item():.3f}) nats")
    if iw_images > 0:
        x = test[:iw_images]
        h = enc(x)
        mu, lv = h[:, :L], h[:, L:]
        total = 0.0
        for i in range(iw_images):
            eps = torch.randn(100, L)
            z = mu[i] + torch.exp(0.5 * lv[i]) * eps
            logp = -F.binary_cross_entropy_with_logits(dec(z), x[i].expand(100, 784), reduction='none').sum(1)
            logw = logp - 0.5 * (z * z).sum(1) + 0.5 * (eps * eps + lv[i]).sum(1)
            total += (torch.logsumexp(logw, 0) - math.log(100)).item()
        print(f"first {iw_images} test images: -IW100 {-total / iw_images:.3f} nats")
