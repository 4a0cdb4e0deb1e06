import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';
import type { Database } from '../../db/database';
import type { Services } from '../../services';
import { Dataset } from './dataset.entity';

const SPLIT_FILE = /^(train|validation|test)\.jsonl$/;

/**
 * GET /datasets/:id/splits/:name.jsonl — the materialised split files, for trainers on other machines.
 * The same token rules as GraphQL: a dataset of another team is "not found".
 */
export function datasetFilesRoute(services: Services, database: Database, dataDir: string): express.RequestHandler {
  return async (req, res) => {
    const problem = (status: number, message: string) => res.status(status).type('text/plain').send(`${message}\n`);
    try {
      const em = database.fork();
      const viewer = await services.auth.authenticate(em, req.headers.authorization).catch(() => null);
      if (!viewer) return problem(401, 'send a valid API token: Authorization: Bearer <token>');
      const file = String(req.params.file);
      if (!SPLIT_FILE.test(file)) return problem(404, `no split file "${file}": use train.jsonl, validation.jsonl or test.jsonl`);
      const dataset = await em.findOne(Dataset, { id: String(req.params.id), project: { team: viewer.teamId } });
      if (!dataset) return problem(404, `dataset ${req.params.id} does not exist or belongs to another team`);
      if (!dataset.fingerprint) return problem(404, `dataset "${dataset.name}" has no materialised splits; register it from a source first`);
      const location = path.join(dataDir, 'datasets', dataset.fingerprint, file);
      if (!fs.existsSync(location)) return problem(404, `dataset "${dataset.name}" has no ${file.replace('.jsonl', '')} split`);
      res.type('application/x-ndjson');
      fs.createReadStream(location).pipe(res);
    } catch (error) {
      console.error('[api] split download failed:', error);
      if (!res.headersSent) problem(500, 'the split file could not be read');
    }
  };
}
