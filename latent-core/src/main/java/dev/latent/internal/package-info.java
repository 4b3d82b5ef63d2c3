/** Argument checks and the shared parallel executor; not exported. */
package dev.latent.internal;
