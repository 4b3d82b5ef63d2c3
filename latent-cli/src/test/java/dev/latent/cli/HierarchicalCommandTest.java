package dev.latent.cli;

import dev.latent.io.Json;
import dev.latent.io.Npy;
import dev.latent.io.NpyArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HierarchicalCommandTest {
    @Test
    void wardOnTwoBlobsFindsThemAndWritesTheLinkageMatrix(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("cluster", "hierarchical", "two", "--linkage", "ward", "--k", "2", "--out", dir.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        assertEquals(1.0, o.get("metrics").asObject().get("ari").asDouble(), 1e-12, "ARI");
        assertEquals(2, o.get("clusters").asInt(), "clusters");
        assertEquals("ward", o.get("linkage").asString(), "linkage");

        assertArrayEquals(new int[] {40}, Npy.read(dir.resolve("labels.npy")).shape(), "one label per sample");
        NpyArray z = Npy.read(dir.resolve("linkage.npy"));
        assertArrayEquals(new int[] {39, 4}, z.shape(), "n - 1 rows of 4");
        float[] v = z.toFloats();
        for (int i = 0; i < 39; i++) {
            assertTrue(v[4 * i] < v[4 * i + 1], "left id below right id in row " + i);
            assertTrue(v[4 * i + 1] < 40 + i, "merge " + i + " joins clusters made before it");
            if (i > 0) assertTrue(v[4 * i + 2] >= v[4 * i - 2], "heights do not decrease at row " + i);
        }
        assertEquals(40f, v[4 * 38 + 3], "the last merge holds every sample");
        // the last merge joins the two blobs, 100 * sqrt(2) apart: Ward's height is
        // sqrt(2 * 20 * 20 / 40) times the centroid distance, far above every merge within a blob
        assertEquals(Math.sqrt(20) * 100 * Math.sqrt(2), v[4 * 38 + 2], 0.1 * Math.sqrt(20) * 100 * Math.sqrt(2),
                "height of the last merge");
        assertTrue(v[4 * 37 + 2] < 20, "merges within a blob stay low");
    }

    @Test
    void aCutAtAHeightBetweenTheBlobsGivesTwoClusters() {
        Json.JsonObject o = Json.parse(Blobs.run("cluster", "hierarchical", "two", "--linkage", "single",
                "--height", "50", "--json").out()).asObject();
        assertEquals(2, o.get("clusters").asInt(), "clusters below height 50");
        assertEquals(1.0, o.get("metrics").asObject().get("ari").asDouble(), 1e-12, "ARI");
        Json.JsonObject all = Json.parse(Blobs.run("cluster", "hierarchical", "two", "--linkage", "single",
                "--height", "1000", "--json").out()).asObject();
        assertEquals(1, all.get("clusters").asInt(), "one cluster above every merge");
        assertTrue(all.get("metrics").asObject().get("silhouette").isNull(), "no silhouette for one cluster");
    }

    @Test
    @Tag("slow")
    void everyLinkageFindsWellSeparatedBlobs() {
        for (String linkage : new String[] {"single", "complete", "average", "centroid", "median"}) {
            Cli r = Blobs.run("cluster", "hierarchical", "three", "--linkage", linkage, "--k", "3", "--json");
            assertEquals(0, r.code(), linkage + ": " + r.err());
            assertEquals(1.0, Json.parse(r.out()).asObject().get("metrics").asObject().get("ari").asDouble(), 1e-12,
                    linkage + " ARI");
        }
    }

    @Test
    void aRunTooLargeForTheHeapIsRefusedWithTheCoresMessage(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Cli r = Blobs.run("cluster", "hierarchical", "huge", "--linkage", "complete", "--k", "2", "--out", out.toString());
        assertEquals(2, r.code(), "bad input: " + r.err());
        assertEquals(1, r.errLines().length, "one line: " + r.err());
        assertTrue(r.err().startsWith("latent: agglomerative clustering with COMPLETE linkage on 100000 rows needs about"),
                r.err());
        assertTrue(r.err().contains("-Xmx"), "names a way out: " + r.err());
        assertFalse(Files.exists(out), "nothing written, not even the folder");
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String[][] cases = {{}, {"--k", "2", "--height", "3"}, {"--k", "0"}, {"--k", "41"}, {"--k", "2", "--linkage", "nearest"},
                {"--height", "NaN"}};
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "cluster";
            args[1] = "hierarchical";
            args[2] = "two";
            System.arraycopy(c, 0, args, 3, c.length);
            Cli r = Blobs.run(args);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.errLines().length, String.join(" ", c) + ": one line: " + r.err());
            assertEquals("", r.out(), "nothing on stdout for " + String.join(" ", c));
        }
        assertEquals("latent: give --k K or --height H to say where to cut the tree",
                Blobs.run("cluster", "hierarchical", "two").err().strip(), "neither");
    }
}
