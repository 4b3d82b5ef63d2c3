package dev.latent.cli;

import dev.latent.Latent;
import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.internal.Check;
import dev.latent.io.BadFileException;
import dev.latent.io.Json;
import dev.latent.io.ModelIO;
import dev.latent.io.Npy;
import dev.latent.io.SavableModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The shape every subcommand shares: apply the common options, run, then emit the result.
 * <p>A subcommand extends this class, adds its own {@code @Option}s (one per record component of
 * what it fits) and maybe a {@link DataOptions} mixin, and implements {@link #run(Output)}. Failures
 * are not handled here but thrown, to be turned into an exit code by {@link ErrorHandler}.
 */
abstract class LatentCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec commandSpec;

    /** Does the command's work, writing text to {@code out.text()} and results to {@code out.result()}. */
    protected abstract void run(Output out) throws Exception;

    @Override
    public final Integer call() throws Exception {
        long t0 = System.nanoTime();
        if (common.threads != null && common.threads < 1) {
            throw new ParameterException(commandSpec.commandLine(), "--threads must be >= 1, got " + common.threads);
        }
        Latent.setThreads(common.threads());
        Main main = main();
        Output out = new Output(commandSpec.commandLine().getOut(), commandSpec.commandLine().getErr(),
                common.json(), common.quiet(), main.terminal());
        out.result().put("command", name()).put("version", Latent.version())
                .put("seed", common.seed()).put("threads", common.threads());
        run(out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (resultsFile != null) {
            out.result().put("timings", out.timings()).put("seconds", seconds);
            Results.writeText(resultsFile, out.result().toPrettyString() + "\n");
        }
        out.finish(seconds);
        return ErrorHandler.OK;
    }

    /** Where the results of this run are written once it ends, or null. */
    private Path resultsFile;

    /**
     * Asks for the results of this run (what {@code --json} prints: the command, the data, the numbers, the files
     * and the stage timings) to be written, once the run ends, to {@code file}: {@code DIR/}{@value
     * Results#RESULTS_FILE} for a command writing into a folder, {@code FILE.json} beside a command's output file.
     * {@code latent report} reads these files; a failed run writes none.
     */
    final void keepResults(Path file) {
        resultsFile = file;
    }

    /** The command's name below {@code latent}, such as {@code info} or {@code cluster kmeans}. */
    final String name() {
        String q = commandSpec.qualifiedName(" ");
        String root = commandSpec.root().name() + " ";
        return q.startsWith(root) ? q.substring(root.length()) : q;
    }

    /** The top-level command, which knows how to reach datasets. */
    final Main main() {
        return (Main) commandSpec.root().userObject();
    }

    /**
     * Loads DATA (a registered name or a path), applies {@code --limit}, and refuses NaN or infinite
     * features; records the time as stage {@code load} and the dataset's name as {@code data}.
     * @throws IllegalArgumentException when --limit is below 1 or the features are not all finite
     */
    final Dataset loadData(String spec, DataOptions options, Output out) throws Exception {
        Dataset d = loadAllowingNonFinite(spec, options, out);
        requireFinite(spec, d);
        return d;
    }

    /** As {@link #loadData}, but keeps NaN and infinite values (for commands that report them). */
    final Dataset loadAllowingNonFinite(String spec, DataOptions options, Output out) throws Exception {
        if (options.limit != null) Check.atLeast("--limit", options.limit, 1);
        Optional<Path> model = modelFile(spec);
        if (model.isPresent()) {
            String kind;
            try {
                kind = "a " + ModelIO.kind(model.get()) + " model";
            } catch (IOException e) {
                kind = "a damaged one";
            }
            throw new BadFileException(model.get(), "a Latent model file (" + kind + "), not DATA; "
                    + "'latent info " + spec + "' describes it");
        }
        Dataset d = out.time("load", () -> main().data().load(spec, options.dataDir(), out));
        if (options.limit != null) d = Transforms.limit(d, options.limit);
        out.result().put("data", spec);
        return d;
    }

    /** The file {@code spec} names when it is an existing file that starts like a Latent model file. */
    static Optional<Path> modelFile(String spec) {
        try {
            Path p = Path.of(spec);
            return Files.isRegularFile(p) && ModelIO.isModelFile(p) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * Refuses a dataset with NaN or infinite features, naming it as {@code what} (the DATA argument),
     * the first position and the count. Byte-stored data is finite by construction and is not scanned.
     */
    static void requireFinite(String what, Dataset d) {
        switch (d.store()) {
            case FloatStore f -> Check.finite(what, f.matrix());
            case ByteStore _ -> { } // bytes scaled by finite factors are always finite
        }
    }

    /**
     * The end every embedding command shares: with labels, the 10-NN accuracy and trustworthiness of
     * {@code embedding} against {@code x}; with {@code dir}, the embedding as {@code embedding.npy}, the model as
     * {@code model.latent} and the scatter plot; then the timings and the table.
     */
    final void finishEmbedding(Output out, Table table, String method, Matrix x, Matrix embedding, Dataset d,
                               SavableModel model, String dataSpec, Path dir) throws Exception {
        Json.JsonObject r = out.result();
        if (d.hasLabels()) {
            r.put("metrics", out.time("metrics",
                    () -> Results.embeddingMetrics(x, embedding, d.labels(), common.seed(), table)));
        } else {
            r.putNull("metrics");
        }
        Json.JsonObject files = Json.object();
        if (dir != null) {
            out.time("write", () -> {
                Results.directory(dir);
                Path emb = dir.resolve("embedding.npy");
                Npy.write(emb, embedding);
                files.put("embedding", emb.toString())
                        .put("model", Results.writeModel(dir, model, dataSpec, d, out, name(), common.seed()).toString());
                Figures.embedding(dir, method, embedding, d, files);
                return null;
            });
            keepResults(dir.resolve(Results.RESULTS_FILE));
            table.add("files", String.join(", ", files.members().values().stream().map(Json::asString).toList()));
        }
        r.put("files", files);
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }
}
