package dev.vecnn.api;

import dev.vecnn.train.TrainResult;

/**
 * What {@link Vecnn#train} gives back: the trained {@link Model}, and the run's details (status,
 * per-epoch history, the model measured on each set given).
 */
public record Trained(Model model, TrainResult result) {}
