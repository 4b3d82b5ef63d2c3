/** Library-wide settings ({@link dev.latent.Latent}). */
package dev.latent;
