package dev.latent.neural.optim;

import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.neural.layers.Parameter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** State storage and chunked loops shared by the optimizers. */
final class Updates {
    private Updates() {}

    /** Values per chunk of an elementwise update. */
    static final int CHUNK = 1 << 13;

    /** Runs {@code body} over {@code [0, n)} in fixed chunks on the shared pool. */
    static void forChunks(int n, Parallel.ChunkTask body) {
        if (n <= CHUNK) body.run(0, n);
        else Parallel.shared().forEachChunk(n, CHUNK, body);
    }

    /** The state arrays of {@code p}, created zeroed on first use. */
    static float[][] slots(Map<Parameter, float[][]> state, Parameter p, int count) {
        return state.computeIfAbsent(p, k -> {
            float[][] s = new float[count][];
            for (int i = 0; i < count; i++) s[i] = new float[k.size()];
            return s;
        });
    }

    static OptimizerState save(Map<Parameter, float[][]> state, List<Parameter> params, int count, long steps) {
        List<float[]> arrays = new ArrayList<>();
        for (Parameter p : params) for (float[] a : slots(state, p, count)) arrays.add(a.clone());
        return new OptimizerState(steps, count, arrays);
    }

    static void restore(IdentityHashMap<Parameter, float[][]> state, List<Parameter> params, int count, OptimizerState s) {
        Check.argument(s.perParam() == count, "the state holds " + s.perParam() + " arrays per parameter, this optimizer needs " + count);
        Check.argument(s.arrays().size() == params.size() * count, "the state is for " + (count == 0 ? "?" : s.arrays().size() / count)
                + " parameters, got " + params.size());
        state.clear();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            float[][] slots = new float[count][];
            for (int c = 0; c < count; c++) {
                float[] a = s.arrays().get(i * count + c);
                Check.argument(a.length == p.size(), "state array " + c + " of parameter " + p.name() + " has "
                        + a.length + " values, the parameter " + p.size());
                slots[c] = a.clone();
            }
            state.put(p, slots);
        }
    }
}
