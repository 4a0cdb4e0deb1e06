/** Shown instead of the app when the server cannot talk to the API yet. */
export function MissingToken({ tokenFile, apiUrl }: { tokenFile: string; apiUrl: string }) {
  return (
    <section className="setup" aria-labelledby="setup-title">
      <h1 id="setup-title">No API token yet</h1>
      <p>
        The web app needs an API token to talk to the tunelab API at <code>{apiUrl}</code>. It looked for the environment variable{' '}
        <code>TUNELAB_TOKEN</code> and for the file:
      </p>
      <pre className="setup__path">{tokenFile}</pre>
      <ol className="setup__steps">
        <li>
          Start the platform from the repository root with <code>npm start</code>. On an empty database the API writes its admin token to
          the file above.
        </li>
        <li>
          Or point the web server elsewhere: set <code>TUNELAB_TOKEN_FILE</code> to the file that holds a token, or <code>TUNELAB_TOKEN</code>{' '}
          to the token itself, and <code>TUNELAB_API_URL</code> to the API&apos;s GraphQL URL.
        </li>
        <li>Reload this page; no rebuild or restart is needed.</li>
      </ol>
    </section>
  );
}

export function ConfigProblems({ problems }: { problems: string[] }) {
  return (
    <section className="setup" aria-labelledby="setup-title">
      <h1 id="setup-title">The web app is misconfigured</h1>
      <ul className="setup__steps">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <p>Fix the environment of the web server and reload this page.</p>
    </section>
  );
}
