export { startApi, type ApiHandle } from './api';
export { collectPageErrors, launchBrowser } from './browser';
export { graphqlClient, GraphqlRequestError, type GraphqlRequest } from './graphql';
export { artifactsDir, repoRoot } from './paths';
export { freePort, startProcess, waitForHttp, type ManagedProcess } from './processes';
export { DEFAULT_METHODS, seed, type SeededStudy } from './seed';
export { startStack, type Stack } from './stack';
export { startWeb, type WebHandle } from './web';
export { FakeWorker, type MetricPointInput, type RetryRunInput, type RunProgressInput } from './worker';
