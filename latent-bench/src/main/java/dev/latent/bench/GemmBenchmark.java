package dev.latent.bench;

import dev.latent.Latent;
import dev.latent.linalg.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time of one {@code C = op(A) * op(B)} (alpha 1, beta 0) on 2 threads: Latent's Vector API path,
 * Latent's plain-Java path, and OpenBLAS {@code cblas_sgemm} on the same shapes.
 * <p>{@code shape} is {@code m x k x n} with the transposes as stored: {@code TN} is {@code A^T * B} with A
 * stored {@code k x m} (a dense layer's weight gradient {@code x^T g}), {@code NT} is {@code A * B^T} with B
 * stored {@code n x k} (its input gradient {@code g W^T}). A GEMM costs {@code 2mnk} flops, so GFLOP/s is
 * {@code 2mnk / time}; {@code latent-bench/gemm-table.py} turns the JSON output into medians and ratios.
 * Latent works on heap {@code float[]}; OpenBLAS gets the same values in native memory, so its figure does
 * not include any copy. Inputs are uniform in [-1, 1) from a fixed seed.
 * <p>Run (OpenBLAS's CPU overrides removed so that it picks its AVX-512 kernels):
 * <pre>
 * mvn -q -B -pl latent-bench -am package -DskipTests
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java --add-modules jdk.incubator.vector \
 *     -jar latent-bench/target/benchmarks.jar GemmBenchmark -rf json -rff gemm.json
 * python3 latent-bench/gemm-table.py gemm.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBenchmark {
    /** {@code m x k x n}, optionally followed by {@code :TN} or {@code :NT}. */
    @Param({"1024x1024x1024", "128x784x512", "128x512x784", "784x128x512:TN", "128x512x784:NT",
            "512x128x784:TN", "128x784x512:NT"})
    public String shape;

    /** Threads for both Latent and OpenBLAS. */
    @Param({"2"})
    public int threads;

    private int m, n, k, lda, ldb;
    private boolean transA, transB;
    private float[] a, b, c;
    private FloatPointer pa, pb, pc;

    @Setup
    public void setUp() {
        String[] parts = shape.split(":");
        String[] dims = parts[0].split("x");
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        transA = parts.length > 1 && parts[1].charAt(0) == 'T';
        transB = parts.length > 1 && parts[1].charAt(1) == 'T';
        lda = transA ? m : k;
        ldb = transB ? k : n;
        var rng = new SplittableRandom(42);
        a = uniform(rng, m * k);
        b = uniform(rng, k * n);
        c = new float[m * n];
        Latent.setThreads(threads);
    }

    @TearDown
    public void tearDown() {
        if (pa != null) {
            pa.close();
            pb.close();
            pc.close();
        }
    }

    private static float[] uniform(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rng.nextDouble(-1, 1);
        return x;
    }

    /** Latent with its default kernel: the Vector API when {@code jdk.incubator.vector} is enabled. */
    @Benchmark
    public void latent(Blackhole bh) {
        Gemm.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        bh.consume(c);
    }

    /** Latent forced onto its plain-Java kernel with {@code -Dlatent.vector=false}. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dlatent.vector=false"})
    @Measurement(iterations = 5, time = 2)
    public void latentScalar(Blackhole bh) {
        latent(bh);
    }

    /** OpenBLAS {@code cblas_sgemm} on the same operands, held in native memory. */
    @Benchmark
    public void openblas(Blackhole bh) {
        if (pa == null) {
            Loader.load(openblas.class);
            openblas.blas_set_num_threads(threads);
            pa = new FloatPointer(a);
            pb = new FloatPointer(b);
            pc = new FloatPointer(c);
        }
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, n);
        bh.consume(pc);
    }
}
