package dev.latent.clustering.hierarchical;

/**
 * The merges an algorithm made, in the order it made them, before they become a {@link Dendrogram}.
 * <p>Each merge names its two clusters by a representative point (a point the cluster contains), so
 * that the merges can be re-ordered by height and then numbered by a union-find pass.
 */
final class Merges {
    final int n;
    final int[] a;
    final int[] b;
    final double[] height;
    private int count;

    Merges(int n) {
        this.n = n;
        this.a = new int[n - 1];
        this.b = new int[n - 1];
        this.height = new double[n - 1];
    }

    void add(int pointA, int pointB, double h) {
        a[count] = pointA;
        b[count] = pointB;
        height[count] = h;
        count++;
    }

    int count() {
        return count;
    }
}
