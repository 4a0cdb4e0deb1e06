import type express from 'express';
import type { Database } from '../../db/database';
import type { Services } from '../../services';
import { storedModelDigest } from '../audit/audit.service';
import { ModelUploadError } from './model-store';

/**
 * PUT /runs/:runId/model/:file — the worker that trained a run uploads its ONNX export (model.onnx, optional
 * model.onnx.data, tokenizer.json, model.json) with the file's SHA-256 in x-content-sha256. Same token rules as
 * GraphQL: another team's run is "not found".
 */
export function modelUploadRoute(services: Services, database: Database): express.RequestHandler {
  return async (req, res) => {
    const problem = (status: number, message: string) => res.status(status).type('text/plain').send(`${message}\n`);
    try {
      const em = database.fork();
      const viewer = await services.auth.authenticate(em, req.headers.authorization).catch(() => null);
      if (!viewer) return problem(401, 'send a valid API token: Authorization: Bearer <token>');
      const run = await services.runs.get(em, viewer, String(req.params.runId)).catch(() => null);
      if (!run) return problem(404, `run ${req.params.runId} does not exist or belongs to another team`);
      if (!['RUNNING', 'SUCCEEDED'].includes(run.status)) return problem(409, `run ${run.id} is ${run.status}: upload its model while it runs or after it succeeded`);
      const previous = storedModelDigest(services.inference.models.dir(run.id), String(req.params.file));
      const stored = await services.inference.models.save(run.id, String(req.params.file), req, String(req.headers['x-content-sha256'] ?? ''));
      await services.audit.modelUploaded(em, viewer, run.id, stored, previous);
      services.inference.forget(run.id);
      res.status(201).json(stored);
    } catch (error) {
      if (error instanceof ModelUploadError) return problem(error.status, error.message);
      console.error('[api] model upload failed:', error);
      if (!res.headersSent) problem(500, 'the model file could not be stored');
    }
  };
}
