/**
 * Figures and the HTML report: scatter plots of embeddings, line plots, bar charts, dendrograms,
 * heatmaps and image grids, each written as SVG and PNG (the same picture), and {@link dev.latent.report.Report},
 * one self-contained HTML file with the figures inline.
 * <p>Everything is drawn by this package (no plotting library): a figure is a list of simple marks (lines,
 * rectangles, dots, text, raster images) that one renderer writes as SVG text and another paints with Java2D
 * for PNG. Output is deterministic: the same input gives the same bytes, so tests can compare files. PNG
 * rendering runs headless ({@code java.awt.headless=true} is set when it is not set already).
 */
package dev.latent.report;
