package dev.latent.neural.train;

import dev.latent.io.AtomicWrites;
import dev.latent.io.BadFileException;
import dev.latent.neural.optim.OptimizerState;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Everything a training run needs to continue exactly where it stopped: the weights and buffers, the
 * optimizer state, the epoch and step counts, the loss history and the early-stopping state with the
 * best weights so far.
 * <p>The file is written atomically (temporary file, fsync, rename), so a kill during the write
 * leaves the previous checkpoint intact. Layout, big-endian: the magic {@code LATENTCK}, a format
 * version (int), the fields in declaration order (arrays as a length or shape followed by the values),
 * and a CRC-32 of all preceding bytes (long). Shapes are checked against the model on restore.
 * @param epochs         epochs completed
 * @param steps          optimizer steps taken
 * @param bestEpoch      best epoch so far, -1 before the first
 * @param badEpochs      epochs since the best one
 * @param bestLoss       best monitored loss so far (infinity before the first)
 * @param trainLoss      mean training loss per completed epoch
 * @param validationLoss mean validation loss per completed epoch (NaN without validation)
 * @param params         parameter values, in the model's order, with their shapes
 * @param shapes         the shape of each parameter
 * @param buffers        buffer values, in the model's order
 * @param optimizer      the optimizer state
 * @param best           the parameter values of the best epoch (empty before the first)
 */
record Checkpoint(int epochs, long steps, int bestEpoch, int badEpochs, double bestLoss, double[] trainLoss,
                  double[] validationLoss, List<float[]> params, List<int[]> shapes, List<float[]> buffers,
                  OptimizerState optimizer, List<float[]> best) {
    private static final byte[] MAGIC = "LATENTCK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /** Writes the checkpoint to {@code file} atomically. */
    void write(Path file) throws IOException {
        AtomicWrites.write(file, raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new java.util.zip.CheckedOutputStream(raw, crc));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(epochs);
            out.writeLong(steps);
            out.writeInt(bestEpoch);
            out.writeInt(badEpochs);
            out.writeDouble(bestLoss);
            writeDoubles(out, trainLoss);
            writeDoubles(out, validationLoss);
            out.writeInt(params.size());
            for (int i = 0; i < params.size(); i++) {
                int[] s = shapes.get(i);
                out.writeInt(s.length);
                for (int d : s) out.writeInt(d);
                writeFloats(out, params.get(i));
            }
            writeArrays(out, buffers);
            out.writeLong(optimizer.steps());
            out.writeInt(optimizer.perParam());
            writeArrays(out, optimizer.arrays());
            writeArrays(out, best);
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
        });
    }

    /**
     * Reads a checkpoint.
     * @throws BadFileException when the file is not a checkpoint, is truncated or fails its checksum
     */
    static Checkpoint read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MAGIC.length + 12 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new BadFileException(file, "not a Latent training checkpoint (no LATENTCK magic)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getLong(bytes.length - 8) != crc.getValue()) {
            throw new BadFileException(file, "checksum mismatch: the checkpoint is damaged or truncated");
        }
        try {
            b.position(MAGIC.length);
            int version = b.getInt();
            if (version != VERSION) throw new BadFileException(file, "checkpoint format version " + version + " is not supported (expected " + VERSION + ")");
            int epochs = b.getInt();
            long steps = b.getLong();
            int bestEpoch = b.getInt(), badEpochs = b.getInt();
            double bestLoss = b.getDouble();
            double[] train = readDoubles(b), val = readDoubles(b);
            int count = b.getInt();
            List<float[]> params = new ArrayList<>();
            List<int[]> shapes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int rank = b.getInt();
                int[] s = new int[rank];
                for (int d = 0; d < rank; d++) s[d] = b.getInt();
                shapes.add(s);
                params.add(readFloats(b));
            }
            List<float[]> buffers = readArrays(b);
            long optSteps = b.getLong();
            int perParam = b.getInt();
            OptimizerState opt = new OptimizerState(optSteps, perParam, readArrays(b));
            List<float[]> best = readArrays(b);
            if (b.position() != bytes.length - 8) throw new BadFileException(file, "unexpected bytes after the checkpoint's content");
            return new Checkpoint(epochs, steps, bestEpoch, badEpochs, bestLoss, train, val, params, shapes, buffers, opt, best);
        } catch (BufferUnderflowException | NegativeArraySizeException | IllegalArgumentException e) {
            throw new BadFileException(file, "malformed checkpoint content (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double x : v) out.writeDouble(x);
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(v.length, 1 << 14));
        for (int i = 0; i < v.length; ) {
            buf.clear();
            int end = Math.min(v.length, i + (1 << 14));
            for (; i < end; i++) buf.putFloat(v[i]);
            out.write(buf.array(), 0, buf.position());
        }
    }

    private static void writeArrays(DataOutputStream out, List<float[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (float[] a : arrays) writeFloats(out, a);
    }

    private static double[] readDoubles(ByteBuffer b) {
        double[] v = new double[checkedLength(b, 8)];
        for (int i = 0; i < v.length; i++) v[i] = b.getDouble();
        return v;
    }

    private static float[] readFloats(ByteBuffer b) {
        float[] v = new float[checkedLength(b, 4)];
        b.asFloatBuffer().get(v);
        b.position(b.position() + 4 * v.length);
        return v;
    }

    private static List<float[]> readArrays(ByteBuffer b) {
        int n = checkedLength(b, 4);
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(readFloats(b));
        return out;
    }

    /** A length read from the file, refused when negative or longer than the bytes left. */
    private static int checkedLength(ByteBuffer b, int bytesPerItem) {
        int n = b.getInt();
        if (n < 0 || (long) n * bytesPerItem > b.remaining()) throw new IllegalArgumentException("bad length " + n);
        return n;
    }
}
