/**
 * @tunelab/inference: a run's exported ONNX classifier in Node (issue 8) — used by the API's predict and by the
 * trainer, which measures serving cost after a run completes.
 */
export * from './classifier';
export * from './measure';
