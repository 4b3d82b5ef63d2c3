package dev.latent.io;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Cross-checks with NumPy itself; skipped when python3 with numpy is not on the machine. */
@Tag("slow")
class NpyNumpyTest {
    @TempDir Path dir;
    private static boolean numpy;

    @BeforeAll static void findNumpy() {
        try {
            numpy = python(Path.of("."), "import numpy").exitCode == 0;
        } catch (IOException | InterruptedException e) {
            numpy = false;
        }
    }

    private record Result(int exitCode, String out) {}

    private static Result python(Path cwd, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", script).directory(cwd.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timeout");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    @Test void readsWhatNumpyWrites() throws Exception {
        assumeTrue(numpy, "python3 with numpy is not available");
        // element (i, j, k) of each 2 x 3 x 4 array is 100 i + 10 j + k
        String script = """
                import numpy as np
                from numpy.lib import format as f
                a = np.fromfunction(lambda i, j, k: 100 * i + 10 * j + k, (2, 3, 4))
                for t in ['<f4', '>f4', '<f8', '>f8', '|u1', '<i4', '>i4', '<i8', '>i8']:
                    name = t.replace('<', 'le').replace('>', 'be').replace('|', '')
                    np.save(name + '_c.npy', a.astype(t))
                    np.save(name + '_f.npy', np.asfortranarray(a.astype(t)))
                with open('v2.npy', 'wb') as out:
                    f.write_array(out, a.astype('<f4'), version=(2, 0))
                with open('v3.npy', 'wb') as out:
                    f.write_array(out, a.astype('<f4'), version=(3, 0))
                """;
        Result r = python(dir, script);
        assertEquals(0, r.exitCode, r.out);
        int[] expected = new int[24];
        int p = 0;
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) expected[p++] = 100 * i + 10 * j + k;
        for (String t : List.of("lef4", "bef4", "lef8", "bef8", "u1", "lei4", "bei4", "lei8", "bei8")) {
            for (String order : List.of("_c", "_f")) {
                NpyArray a = Npy.read(dir.resolve(t + order + ".npy"));
                assertArrayEquals(new int[] {2, 3, 4}, a.shape(), t + order);
                assertArrayEquals(expected, a.toInts(), t + order);
            }
        }
        assertArrayEquals(expected, Npy.read(dir.resolve("v2.npy")).toInts(), "format 2.0");
        assertArrayEquals(expected, Npy.read(dir.resolve("v3.npy")).toInts(), "format 3.0");
    }

    @Test void numpyReadsWhatWeWrite() throws Exception {
        assumeTrue(numpy, "python3 with numpy is not available");
        Npy.write(dir.resolve("m.npy"), Matrix.of(2, 3, 1, 2, 3, 4, 5, 6.5f));
        Npy.write(dir.resolve("l.npy"), new int[] {3, -1, 7});
        Npy.write(dir.resolve("t.npy"), new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        Result r = python(dir, """
                import numpy as np
                m, l, t = np.load('m.npy'), np.load('l.npy'), np.load('t.npy')
                print(m.dtype, m.shape, m[1, 2], l.dtype, l.shape, l.tolist(), t.shape, t[1, 0, 1])
                """);
        assertEquals(0, r.exitCode, r.out);
        assertEquals("float32 (2, 3) 6.5 int32 (3,) [3, -1, 7] (2, 2, 2) 6.0", r.out);
    }
}
