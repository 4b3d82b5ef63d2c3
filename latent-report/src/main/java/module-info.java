/** Latent report: figures as SVG and PNG, and one self-contained HTML report. Needs only core and the JDK. */
module dev.latent.report {
    requires transitive dev.latent.core;
    requires java.desktop; // Java2D and javax.imageio for PNG

    exports dev.latent.report;
}
