/**
 * Feature extractors for feature-space quality proxies (Frechet distance, KID): a small CNN
 * classifier trained on the dataset's labels ({@link org.uniconbench.baselines.features.ImageClassifier},
 * features = its penultimate layer) and fixed, seeded random convolutional features
 * ({@link org.uniconbench.baselines.features.RandomConvFeatures}). Neither is Inception: distances
 * on them are proxies, never "FID".
 */
package org.uniconbench.baselines.features;
