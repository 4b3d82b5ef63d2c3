package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.neural.models.vae.Elbo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Locale;

/**
 * {@code latent evaluate MODEL DATA [--iw 100]}: the ELBO of DATA under a trained VAE, its two terms, and the
 * importance-weighted bound on the log-likelihood, in nats per sample.
 */
@Command(name = "evaluate", sortOptions = false,
        description = {"Evaluate a trained VAE on DATA: the ELBO (one code drawn per sample with --seed) with its "
                + "reconstruction and KL terms, and the importance-weighted bound with --iw samples per row (Burda et "
                + "al.), a tighter lower bound on log p(x); all in nats per sample, higher is better.",
                "The bound decodes --iw codes per sample: with --iw 100 it costs about 100 times the ELBO; --iw 0 skips it.",
                "DATA is scaled as it was for training (the model file records how)."})
final class EvaluateCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = ModelArgument.HELP)
    String modelSpec;

    @Parameters(index = "1", paramLabel = "DATA", description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--iw", paramLabel = "K", defaultValue = "100",
            description = "Importance samples per row of the IW bound (default 100; 0: skip the bound).")
    int iw;

    @Override
    protected void run(Output out) throws Exception {
        Check.atLeast("--iw", iw, 0);
        TrainedVae vae = TrainedVae.load(modelSpec, out);
        Dataset d = loadData(dataSpec, dataOptions, out);
        Matrix x = vae.samples(d, out);
        int[] labels = vae.labels(d);
        Elbo elbo = out.time("elbo", () -> vae.model().elbo(x, labels, common.seed()));
        Json.JsonObject r = out.result();
        r.put("samples", x.rows()).put("elbo", json(elbo));
        Table table = new Table(false, false);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %s", d.name(), x.rows(), d.shape()));
        addElbo(elbo, table, "");
        if (iw > 0) {
            double bound = out.time("iw", () -> vae.model().importanceWeighted(x, labels, iw, common.seed()));
            r.put("iw", Json.object().put("k", iw).put("bound", bound));
            table.add("IW-" + iw + " bound", String.format(Locale.ROOT, "%.3f nats (-log p(x) <= %.3f)", bound, -bound));
        } else {
            r.putNull("iw");
        }
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }

    /** The ELBO and its terms as a JSON object. */
    static Json.JsonObject json(Elbo e) {
        return Json.object().put("elbo", e.elbo()).put("reconstruction", e.reconstruction()).put("kl", e.kl());
    }

    /** One table row for the ELBO, one for its terms; {@code note} follows the ELBO. */
    static void addElbo(Elbo e, Table table, String note) {
        table.add("ELBO", String.format(Locale.ROOT, "%.3f nats per sample (negative ELBO %.3f)%s", e.elbo(),
                -e.elbo(), note));
        table.add("terms", String.format(Locale.ROOT, "reconstruction %.3f + KL %.3f nats", e.reconstruction(), e.kl()));
    }
}
