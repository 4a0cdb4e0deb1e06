import { createRequire } from 'node:module';
import { webDir } from './paths';
import { startProcess, waitForHttp, type ManagedProcess } from './processes';

export interface WebHandle {
  /** http://127.0.0.1:<port> */
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** The built web app (`next start`) on `port`, pointed at the API and its token file. */
export async function startWeb({ port, apiUrl, tokenFile }: { port: number; apiUrl: string; tokenFile: string }): Promise<WebHandle> {
  const nextBin = createRequire(`${webDir}/package.json`).resolve('next/dist/bin/next');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    TUNELAB_API_URL: apiUrl,
    TUNELAB_TOKEN_FILE: tokenFile,
  };
  delete env.TUNELAB_TOKEN;

  const proc = startProcess('web', process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], { cwd: webDir, env });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/`, 60_000, proc);
    return { url, process: proc, stop: () => proc.stop() };
  } catch (error) {
    await proc.stop();
    throw error;
  }
}
