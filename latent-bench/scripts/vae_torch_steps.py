# Reference for VaeTorchStepsTest: the dense VAE of vae_torch.py (784-400-20(x2)-400-784, ReLU, Bernoulli decoder,
# Adam 1e-3, batch 128), seed 0, one thread, run for STEPS steps on the first batches of its first shuffle, and
# dumped so that Latent can replay the same steps from the same weights with the same noise:
#   p0..p7.bin  initial weights and biases, layer by layer (weights transposed to Latent's [in, out]), float32
#   g0..g7.bin  their gradients at the first step, float32
#   perm.bin    the training rows of the STEPS batches, int32
#   eps.bin     the standard-normal noise of each step, [STEPS * 128, 20], float32
#   loss.bin    the loss of each step (before its update), float64
#   q0..q7.bin  the weights after the last step, float32
#   eval.bin    on the 10,000 test images with those weights: the mean KL term and the mean reconstruction
#               term averaged over 5 one-draw evaluations, float64
# All little-endian. Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 latent-bench/scripts/vae_torch_steps.py MNIST_DIR OUT_DIR [STEPS]
import sys, os, numpy as np, torch
from torch import nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
d, out = sys.argv[1], sys.argv[2]
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 200
os.makedirs(out, exist_ok=True)
L = 20

def images(name):
    data = open(os.path.join(d, name), 'rb').read()
    return torch.from_numpy(np.frombuffer(data, np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)

def save(name, v, dtype):
    np.ascontiguousarray(v, dtype=dtype).tofile(os.path.join(out, name))

def save_params(prefix, tensors):
    for i, p in enumerate(tensors):
        v = p.detach().numpy()
        save(f'{prefix}{i}.bin', v.T if v.ndim == 2 else v, '<f4')

train = images('train-images-idx3-ubyte')
enc = nn.Sequential(nn.Linear(784, 400), nn.ReLU(), nn.Linear(400, 2 * L))
dec = nn.Sequential(nn.Linear(L, 400), nn.ReLU(), nn.Linear(400, 784))
params = [enc[0].weight, enc[0].bias, enc[2].weight, enc[2].bias, dec[0].weight, dec[0].bias, dec[2].weight, dec[2].bias]
save_params('p', params)
opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
perm = torch.randperm(train.shape[0], generator=torch.Generator().manual_seed(0))[:steps * 128]
save('perm.bin', perm.numpy(), '<i4')

def terms(x, eps):
    h = enc(x)
    mu, lv = h[:, :L], h[:, L:]
    z = mu + torch.exp(0.5 * lv) * eps
    rec = F.binary_cross_entropy_with_logits(dec(z), x, reduction='none').sum(1)
    kl = -0.5 * (1 + lv - mu * mu - lv.exp()).sum(1)
    return rec, kl

noise, losses = [], []
for s in range(steps):
    x = train[perm[s * 128:(s + 1) * 128]]
    eps = torch.randn(128, L)
    noise.append(eps.numpy())
    opt.zero_grad()
    rec, kl = terms(x, eps)
    loss = (rec + kl).mean()
    loss.backward()
    if s == 0:
        save_params('g', [p.grad for p in params])
    opt.step()
    losses.append(loss.item())
save('eps.bin', np.concatenate(noise), '<f4')
save('loss.bin', np.array(losses), '<f8')
save_params('q', params)
test = images('t10k-images-idx3-ubyte')
with torch.no_grad():
    recs, kls = [], []
    for r in range(5):
        rec, kl = terms(test, torch.randn(test.shape[0], L))
        recs.append(rec.mean().item())
        kls.append(kl.mean().item())
save('eval.bin', np.array([np.mean(kls), np.mean(recs)]), '<f8')
print(f"loss at steps 1, {steps}: {losses[0]:.4f}, {losses[-1]:.4f}; test KL {np.mean(kls):.4f}, reconstruction {np.mean(recs):.4f}")
