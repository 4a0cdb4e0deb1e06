'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Projects', matches: (p: string) => p === '/' || p.startsWith('/projects') || p.startsWith('/studies') || p.startsWith('/runs') },
  { href: '/workers', label: 'Workers', matches: (p: string) => p.startsWith('/workers') },
];

export function SiteHeader() {
  const pathname = usePathname() ?? '/';
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          tunelab
        </Link>
        <nav aria-label="Main">
          <ul className="nav">
            {LINKS.map((link) => {
              const active = link.matches(pathname);
              return (
                <li key={link.href}>
                  <Link href={link.href} className="nav__link" aria-current={active ? 'page' : undefined}>
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </header>
  );
}
