/**
 * Training and evaluating in one process: the stages (backbone pre-training or its cached checkpoint,
 * the quality proxies' features, distillation, the learning-rate search), one arm's training with
 * its checkpoints, the evaluator and control curve, and the memory and GPU probes they use.
 */
package org.uniconbench.harness.train;
