import type { RunStatus } from '@/components/status-badge';
import type { ApiFieldIssue } from '@/lib/graphql-error';

/** predict takes at most this many texts per call (the API's MAX_PREDICT_TEXTS). */
export const MAX_TRY_TEXTS = 256;

export { labelName as className } from '@tunelab/core/dist/dataset/labeling';

/** One review, or several separated by blank lines; surrounding space trimmed, empty pieces dropped. */
export function splitReviews(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
}

/** The problem with the box's text before it is sent, or null. */
export function reviewsProblem(texts: readonly string[]): string | null {
  if (texts.length === 0) return 'texts: type a review to classify (several reviews: separate them with a blank line)';
  if (texts.length > MAX_TRY_TEXTS) return `texts: at most ${MAX_TRY_TEXTS} reviews at a time (got ${texts.length}); remove some or classify them in parts`;
  return null;
}

/**
 * An API issue as one sentence that names its field: "texts[2] is empty; …" (the API's message for an entry
 * starts after the field name), with the review's number for a person counting from 1.
 */
export function describeIssue(issue: ApiFieldIssue): string {
  const message = issue.message.startsWith(issue.field) ? issue.message : `${issue.field} ${issue.message}`;
  const entry = /^texts\[(\d+)\]$/.exec(issue.field);
  return entry ? `Review ${Number(entry[1]) + 1}: ${message}` : message;
}

/** Why a run without an uploaded model has nothing to try. */
export function noModelReason(status: RunStatus): string {
  switch (status) {
    case 'QUEUED':
    case 'CLAIMED':
    case 'RUNNING':
      return 'The run has not finished: its worker uploads the ONNX export of the model once training succeeds.';
    case 'SUCCEEDED':
      return 'No exported model: the worker did not upload an ONNX export for this run (the trainer exports one when export.onnx is on).';
    case 'FAILED':
    case 'CANCELLED':
      return `The run ${status === 'FAILED' ? 'failed' : 'was cancelled'}, so there is no model to try.`;
  }
}
