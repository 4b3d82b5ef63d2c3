/** Export of trained networks to ONNX files, written with the JDK alone (no protobuf library). */
package dev.latent.neural.onnx;
