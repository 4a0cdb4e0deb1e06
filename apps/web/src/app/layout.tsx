import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { ConfigProblems, MissingToken } from '@/components/setup-notice';
import { readWebEnv } from '@/env';
import { NONCE_HEADER } from '@/lib/security-headers';
import { UrqlProvider } from '@/lib/urql-provider';
import './globals.css';

// The API URL and token are read per request, so nothing is baked in at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'tunelab', template: '%s · tunelab' },
  description: 'Team experiment tracking that runs, streams and compares fine-tuning methods.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const env = readWebEnv();
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  let content: ReactNode;
  if (env.problems.length > 0) {
    content = <ConfigProblems problems={env.problems} />;
  } else if (!env.token) {
    content = <MissingToken tokenFile={env.tokenFile} apiUrl={env.apiUrl} />;
  } else {
    content = (
      <UrqlProvider apiUrl={env.apiUrl} token={env.token} nonce={nonce}>
        {children}
      </UrqlProvider>
    );
  }

  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="page">
          {content}
        </main>
      </body>
    </html>
  );
}
