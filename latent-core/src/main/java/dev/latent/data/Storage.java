package dev.latent.data;

/** How the values of a dataset are kept in memory. */
public enum Storage {
    /** 4 bytes per value. */
    FLOAT32,
    /** 1 byte per value, 0 to 255, mapped to float32 by an affine scale when rows are read. */
    UINT8;

    /** {@code "float32"} or {@code "uint8"}. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
