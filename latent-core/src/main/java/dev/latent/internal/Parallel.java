package dev.latent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one shared executor for parallel work.
 * <p>Work over {@code n} items is cut into chunks of a fixed size that does not depend on the
 * thread count. Each chunk writes its own partial result, and partials are returned in chunk order,
 * so a caller that combines them in that order gets the same answer with 1 thread or 64.
 * A call made from inside one of the pool's own threads runs inline, so nested parallel calls never
 * wait on themselves.
 */
public final class Parallel {
    /** Work on the rows {@code [from, to)} that returns a partial sum. */
    @FunctionalInterface
    public interface ChunkSum {
        double apply(int from, int to);
    }

    /** Work on the rows {@code [from, to)}. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int from, int to);
    }

    private static volatile Parallel shared = new Parallel(Runtime.getRuntime().availableProcessors());

    private final int threads;
    private final ForkJoinPool pool;

    private Parallel(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("latent-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** The shared executor. */
    public static Parallel shared() {
        return shared;
    }

    /** Replaces the shared executor with one of {@code threads} threads. */
    public static synchronized void setThreads(int threads) {
        Check.atLeast("threads", threads, 1);
        if (shared.threads == threads) return;
        Parallel old = shared;
        shared = new Parallel(threads);
        if (old.pool != null) old.pool.shutdown();
    }

    public int threads() {
        return threads;
    }

    /** Number of chunks of size {@code chunk} that cover {@code n} items. */
    public static int chunkCount(int n, int chunk) {
        return (int) ((n + (long) chunk - 1) / chunk);
    }

    /** Runs {@code body} on every chunk; returns one partial per chunk, in chunk order. */
    public double[] forChunks(int n, int chunk, ChunkSum body) {
        Check.atLeast("chunk", chunk, 1);
        int chunks = chunkCount(n, chunk);
        double[] partial = new double[chunks];
        forEachChunkIndex(chunks, c -> {
            int from = c * chunk;
            partial[c] = body.apply(from, (int) Math.min(n, (long) from + chunk));
        });
        return partial;
    }

    /** Runs {@code body} on every chunk. */
    public void forEachChunk(int n, int chunk, ChunkTask body) {
        Check.atLeast("chunk", chunk, 1);
        int chunks = chunkCount(n, chunk);
        forEachChunkIndex(chunks, c -> {
            int from = c * chunk;
            body.run(from, (int) Math.min(n, (long) from + chunk));
        });
    }

    /** Runs {@code body.accept(c)} for every {@code c} in {@code [0, count)}. */
    public void forEachChunkIndex(int count, java.util.function.IntConsumer body) {
        if (count == 0) return;
        if (pool == null || count == 1 || isPoolThread()) {
            for (int c = 0; c < count; c++) body.accept(c);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, count);
        List<Callable<Void>> tasks = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            tasks.add(() -> {
                for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) body.accept(c);
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parallel work", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    private boolean isPoolThread() {
        return Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == pool;
    }
}
