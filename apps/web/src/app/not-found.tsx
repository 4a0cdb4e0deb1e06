import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="state state--empty">
      <h1 className="state__title">Page not found</h1>
      <p className="state__message">
        There is nothing at this address. Go back to the <Link href="/">projects</Link>.
      </p>
    </section>
  );
}
