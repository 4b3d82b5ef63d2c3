package dev.latent.data;

import dev.latent.internal.Check;

import java.util.Arrays;
import java.util.List;

/**
 * n samples of one shape, with optional integer labels and class names.
 * <p>Samples are stored as float32 or, for 8-bit images, as bytes ({@link ByteStore}); computation
 * always sees float32 rows, materialized on demand by {@link #toMatrix()} or {@link #batch}.
 * A dataset is immutable: transforms return new datasets.
 */
public final class Dataset {
    private final String name;
    private final SampleShape shape;
    private final SampleStore store;
    private final int[] labels;            // length 0 when there are none
    private final List<String> classNames; // empty when there are none

    private Dataset(String name, SampleShape shape, SampleStore store, int[] labels, List<String> classNames) {
        this.name = name;
        this.shape = shape;
        this.store = store;
        this.labels = labels;
        this.classNames = classNames;
    }

    /**
     * A dataset over {@code store}.
     * @param labels     one label per sample (0 to classes - 1), or an empty array for none; copied
     * @param classNames names of the classes, or an empty list
     * @throws IllegalArgumentException when the shape does not match the store, labels are negative,
     *                                  or their count differs from the sample count
     */
    public static Dataset of(String name, SampleShape shape, SampleStore store, int[] labels, List<String> classNames) {
        Check.notNull("name", name);
        Check.notNull("shape", shape);
        Check.notNull("store", store);
        Check.argument(shape.size() == store.size(),
                "shape " + shape + " needs " + shape.size() + " values per sample, the store has " + store.size());
        Check.argument(labels.length == 0 || labels.length == store.count(),
                "labels must have one entry per sample (" + store.count() + "), got " + labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) throw new IllegalArgumentException("labels must be >= 0, got " + labels[i] + " at sample " + i);
        }
        return new Dataset(name, shape, store, labels.clone(), List.copyOf(classNames));
    }

    /** An unlabelled dataset of plain feature vectors holding a copy of {@code x}. */
    public static Dataset of(String name, Matrix x) {
        return of(name, SampleShape.vector(x.cols()), new FloatStore(x.copy()), new int[0], List.of());
    }

    public String name() {
        return name;
    }

    public SampleShape shape() {
        return shape;
    }

    /** The store the samples live in (shared, not copied). */
    public SampleStore store() {
        return store;
    }

    /** The number of samples. */
    public int size() {
        return store.count();
    }

    /** The number of values in one sample. */
    public int features() {
        return shape.size();
    }

    public Storage storage() {
        return store.storage();
    }

    public boolean hasLabels() {
        return labels.length > 0;
    }

    /** A copy of the labels; empty when there are none. */
    public int[] labels() {
        return labels.clone();
    }

    /** The class names; empty when there are none. */
    public List<String> classNames() {
        return classNames;
    }

    /** The number of classes: the class names if given, else the largest label + 1, else 0. */
    public int classCount() {
        if (!classNames.isEmpty()) return classNames.size();
        return Arrays.stream(labels).max().orElse(-1) + 1;
    }

    /** All samples as a new {@code size() x features()} float32 matrix. */
    public Matrix toMatrix() {
        return batch(0, size());
    }

    /** Samples {@code [from, to)} as a new float32 matrix. */
    public Matrix batch(int from, int to) {
        Check.argument(0 <= from && from <= to && to <= size(),
                "sample range must lie in [0, " + size() + "], got [" + from + ", " + to + ")");
        Matrix out = Matrix.zeros(to - from, features());
        store.copyRows(from, to, out.values(), 0);
        return out;
    }

    /** The given samples, in order, as a new float32 matrix. */
    public Matrix batch(int[] indices) {
        for (int i : indices) Check.index("sample index", i, size());
        Matrix out = Matrix.zeros(indices.length, features());
        store.copyRows(indices, out.values(), 0);
        return out;
    }

    /** Sample {@code i} as float32. */
    public float[] sample(int i) {
        Check.index("sample index", i, size());
        float[] out = new float[features()];
        store.copyRows(i, i + 1, out, 0);
        return out;
    }

    /** The given samples, in order, with their labels. */
    public Dataset select(int[] indices) {
        int[] l = new int[hasLabels() ? indices.length : 0];
        for (int r = 0; r < l.length; r++) l[r] = labels[indices[r]];
        return new Dataset(name, shape, store.select(indices), l, classNames);
    }

    /** The same samples over a different store of the same row count and shape. */
    public Dataset withStore(SampleStore newStore) {
        Check.argument(newStore.count() == size(), "store must have " + size() + " rows, got " + newStore.count());
        return of(name, shape, newStore, labels, classNames);
    }

    /** The same samples seen with another shape of the same size (for example flattened). */
    public Dataset withShape(SampleShape newShape) {
        return of(name, newShape, store, labels, classNames);
    }

    /** The same samples with other labels and class names. */
    public Dataset withLabels(int[] newLabels, List<String> newClassNames) {
        return of(name, shape, store, newLabels, newClassNames);
    }

    public Dataset withName(String newName) {
        return new Dataset(Check.notNull("name", newName), shape, store, labels, classNames);
    }

    @Override
    public String toString() {
        return name + ": " + size() + " x " + shape + " " + storage() + (hasLabels() ? ", labelled" : "");
    }
}
