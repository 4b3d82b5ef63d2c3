# Peer for UmapBenchmark: uwot's umap() with umap-learn's defaults (n_neighbors 15, min_dist 0.1, spread 1, spectral
# init, 200 epochs above 10,000 points) on the first n of MNIST's 70,000 images (training set first, pixels scaled
# to [0, 1]), with 2 threads for the neighbour search and 2 for the SGD (its fastest setting; the SGD is then not
# reproducible). Writes the embedding to OUT.npy (float32) for UmapBenchmark's "score" mode.
# Usage: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE Rscript latent-bench/scripts/umap_uwot.R MNIST_DIR 70000 OUT.npy
args <- commandArgs(trailingOnly = TRUE)
d <- args[1]; n <- as.integer(args[2]); out <- args[3]
images <- function(name) {
  f <- file(file.path(d, name), "rb"); on.exit(close(f))
  readBin(f, "raw", 16)
  m <- readBin(f, "integer", size = 1, signed = FALSE, n = 784 * 70000)
  matrix(m, ncol = 784, byrow = TRUE)
}
x <- rbind(images("train-images-idx3-ubyte"), images("t10k-images-idx3-ubyte"))[1:n, ] / 255
library(uwot)
t0 <- Sys.time()
e <- umap(x, n_neighbors = 15, min_dist = 0.1, n_threads = 2, n_sgd_threads = 2, verbose = FALSE)
cat(sprintf("uwot %s: n %d, %.2f s\n", as.character(packageVersion("uwot")), n, as.numeric(Sys.time() - t0, units = "secs")))
# a minimal .npy writer (version 1.0, little-endian float32, C order)
con <- file(out, "wb")
header <- sprintf("{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }", nrow(e), ncol(e))
pad <- 64 - ((10 + nchar(header) + 1) %% 64)
header <- paste0(header, strrep(" ", pad), "\n")
writeBin(as.raw(c(0x93)), con); writeChar("NUMPY", con, eos = NULL); writeBin(as.raw(c(1, 0)), con)
writeBin(as.integer(nchar(header)), con, size = 2, endian = "little"); writeChar(header, con, eos = NULL)
writeBin(as.vector(t(e)), con, size = 4, endian = "little")
close(con)
