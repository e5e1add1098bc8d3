/**
 * The public entry points of vecnn as a library: {@link dev.vecnn.api.ModelSpec} describes a network,
 * {@link dev.vecnn.train.TrainConfig} its training, {@link dev.vecnn.api.Vecnn} (which holds the kernel
 * threads) trains, evaluates, predicts and multiplies matrices, and {@link dev.vecnn.api.Model} saves and
 * loads a trained network as safetensors. A thin layer over {@code dev.vecnn.nn}, {@code dev.vecnn.train}
 * and {@code dev.vecnn.kernel}: same seed, same bits, on any number of threads.
 */
package dev.vecnn.api;
