package dev.latent.cli;

import dev.latent.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code latent datasets}: the registered datasets, and which are already on disk. */
@Command(name = "datasets",
        description = "List the registered datasets: samples and shape, whether they are cached (and where), source.",
        sortOptions = false)
final class DatasetsCommand extends LatentCommand {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A folder of dataset files you already have, searched before the download cache.")
    Path dataDir;

    @Override
    protected void run(Output out) throws Exception {
        List<DataAccess.Entry> entries = out.time("list", () -> main().data().entries(Optional.ofNullable(dataDir)));
        Json.JsonArray array = Json.array();
        Table table = new Table(false, true, false, false, false);
        table.add("name", "samples", "shape", "cached", "source");
        for (DataAccess.Entry e : entries) {
            Json.JsonObject o = Json.object().put("name", e.name()).put("description", e.description())
                    .put("samples", e.samples()).put("shape", InfoCommand.shape(e.shape()))
                    .put("cached", e.available()).put("downloadable", e.downloadable());
            if (e.location().isPresent()) o.put("location", e.location().get().toString());
            else o.putNull("location");
            o.put("source", e.source());
            array.add(o);
            String cached = e.available() ? e.location().map(Path::toString).orElse("bundled")
                    : e.downloadable() ? "no (downloaded on first use)" : "no (fetch by hand)";
            table.add(e.name(), Long.toString(e.samples()), e.shape().toString(), cached, e.source());
        }
        Path cache = main().data().cache();
        out.result().put("datasets", array).put("cache", cache.toString());
        table.print(out.text(), "");
        out.text().println();
        out.text().println("Downloads are cached in " + cache + " (set LATENT_HOME to move it); --data-dir names a "
                + "folder of files you already have, searched first.");
    }
}
