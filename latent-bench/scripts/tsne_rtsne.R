# Rtsne (Barnes-Hut t-SNE) on the PCA-50 input written by dev.latent.bench.TsneMnistBenchmark.
# Usage: Rscript tsne_rtsne.R OUT_DIR N THREADS   (reads OUT_DIR/pca50.f32, writes OUT_DIR/rtsne.f32)
# Settings matched to Latent's: perplexity 30, theta 0.5, 1000 iterations, exaggeration 12 for 250 iterations,
# no PCA (the input is already PCA-50), learning rate n / 12 (Rtsne's default 200 is far too small for
# n = 70,000; n / 12 is the rate Latent uses and what Belkina et al. recommend).
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; n <- as.integer(args[2]); threads <- as.integer(args[3])
con <- file(file.path(dir, "pca50.f32"), "rb")
x <- matrix(readBin(con, "numeric", n * 50, size = 4, endian = "little"), nrow = n, byrow = TRUE)
close(con)
suppressMessages(library(Rtsne))
t <- system.time(r <- Rtsne(x, dims = 2, perplexity = 30, theta = 0.5, pca = FALSE, max_iter = 1000,
                            num_threads = threads, check_duplicates = FALSE, eta = max(n / 12, 200),
                            exaggeration_factor = 12, stop_lying_iter = 250, mom_switch_iter = 250,
                            verbose = TRUE))
cat(sprintf("rtsne n %d, threads %d: elapsed %.2f s, user %.2f s, system %.2f s\n", n, threads,
            t[["elapsed"]], t[["user.self"]] + t[["user.child"]], t[["sys.self"]] + t[["sys.child"]]))
con <- file(file.path(dir, "rtsne.f32"), "wb")
writeBin(as.vector(t(r$Y)), con, size = 4, endian = "little")
close(con)
