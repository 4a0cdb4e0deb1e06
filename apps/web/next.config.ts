import path from 'node:path';
import type { NextConfig } from 'next';

// The monorepo root holds the only lock file; pin it so Turbopack and output
// tracing agree on it instead of guessing.
const repoRoot = path.join(__dirname, '..', '..');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
};

export default nextConfig;
