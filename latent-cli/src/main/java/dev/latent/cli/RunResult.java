package dev.latent.cli;

import dev.latent.io.BadFileException;
import dev.latent.io.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The results of one run of a single command, as {@code latent report} reads them: the JSON object the command
 * wrote ({@code DIR/results.json} in its output folder, {@code FILE.json} beside its output file, or what
 * {@code --json} printed and the user saved), where it was read from, and the files it names.
 * @param input the path given on the command line: a result folder or a results file
 * @param file  the JSON file read
 * @param json  its content: an object with a {@code command} member naming the command
 */
record RunResult(Path input, Path file, Json.JsonObject json) {
    /** The largest results file read: results are a few kilobytes, so anything this large is not one. */
    static final long MAX_BYTES = 64L << 20;

    /**
     * Reads the results in {@code input}, a folder holding {@value Results#RESULTS_FILE} or a results file.
     * @throws NoSuchFileException when {@code input} does not exist
     * @throws BadFileException    when it is not a folder of results or not a results file (naming what it is)
     */
    static RunResult read(Path input) throws IOException {
        if (!Files.exists(input)) throw new NoSuchFileException(input.toString());
        boolean folder = Files.isDirectory(input);
        Path file = folder ? input.resolve(Results.RESULTS_FILE) : input;
        if (folder && !Files.isRegularFile(file)) {
            throw new BadFileException(input, "not a folder of Latent results (it has no " + Results.RESULTS_FILE
                    + "; the --out folders of 'latent info', 'cluster', 'reduce', 'train' and 'reconstruct' have one)");
        }
        Json.JsonObject o = parse(file);
        if (!(o.find("command").orElse(Json.JsonNull.NULL) instanceof Json.JsonString)) {
            Path report = file.resolveSibling("report.html");
            throw new BadFileException(file, folder && Files.isRegularFile(report)
                    ? "the results of 'latent tutorial', which wrote its report already: " + report
                    : "not the results of a Latent command (no \"command\" member)");
        }
        if (o.get("command").asString().equals("tutorial")) {
            throw new BadFileException(file, "the results of 'latent tutorial', which wrote its report already"
                    + o.find("files").filter(f -> f instanceof Json.JsonObject).flatMap(f -> f.asObject().find("report"))
                    .filter(p -> p instanceof Json.JsonString).map(p -> ": " + p.asString()).orElse(""));
        }
        return new RunResult(input, file, o);
    }

    private static Json.JsonObject parse(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new BadFileException(file, "not the results of a Latent command (" + Output.bytes(size)
                    + "; results files are a few KiB)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadFileException(file, "not the results of a Latent command (not UTF-8 text)");
        }
        Json json;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file, "not the results of a Latent command (not JSON: " + e.getMessage() + ")");
        }
        if (!(json instanceof Json.JsonObject o)) {
            throw new BadFileException(file, "not the results of a Latent command (not a JSON object)");
        }
        return o;
    }

    /** The command that wrote the results, such as {@code cluster kmeans}. */
    String command() {
        return json.get("command").asString();
    }

    /** The member {@code name} as a string, if there is one. */
    Optional<String> text(String name) {
        return json.find(name).filter(v -> v instanceof Json.JsonString).map(Json::asString);
    }

    /**
     * The number at {@code path} (member names, from the top), or NaN when a member is missing or null.
     * @throws IllegalArgumentException when a member on the way is not an object, or the value not a number
     */
    double number(String... path) {
        Json v = json;
        for (String name : path) {
            if (v.isNull()) return Double.NaN;
            Optional<Json> next = v.asObject().find(name);
            if (next.isEmpty()) return Double.NaN;
            v = next.get();
        }
        return v.asDouble();
    }

    /** The member {@code name} as an object, if it is one. */
    Optional<Json.JsonObject> object(String name) {
        return json.find(name).filter(v -> v instanceof Json.JsonObject).map(Json::asObject);
    }

    /** The numbers of the array {@code name} (NaN for nulls), or an empty array when there is none. */
    double[] numbers(String name) {
        Optional<Json> a = json.find(name).filter(v -> v instanceof Json.JsonArray);
        if (a.isEmpty()) return new double[0];
        List<Json> e = a.get().asArray().elements();
        double[] out = new double[e.size()];
        for (int i = 0; i < out.length; i++) out[i] = e.get(i).asDouble();
        return out;
    }

    /**
     * The file the results name under {@code files.<key>}, if it exists: at the path as written (relative paths
     * from the current folder), else beside the results file under its own name, so that a result folder that was
     * moved or copied, or a relative path written from another folder, still works.
     */
    Optional<Path> file(String key) {
        Optional<String> written = object("files").flatMap(f -> f.find(key)).filter(v -> v instanceof Json.JsonString)
                .map(Json::asString);
        if (written.isEmpty()) return Optional.empty();
        List<Path> candidates = new ArrayList<>();
        try {
            Path p = Path.of(written.get());
            candidates.add(p);
            if (p.getFileName() != null) candidates.add(file.resolveSibling(p.getFileName()));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** Whether the results name a file under {@code files.<key>}, present or not. */
    boolean names(String key) {
        return object("files").map(f -> f.has(key)).orElse(false);
    }
}
