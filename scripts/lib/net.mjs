// Ports and HTTP readiness on 127.0.0.1.
import http from 'node:http';
import net from 'node:net';

/** true when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port that was free a moment ago. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function answers(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** Polls `url` until any HTTP answer; false after timeoutMs or once stillWaiting() says to give up. */
export async function waitForHttp(url, { timeoutMs, stillWaiting = () => true }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && stillWaiting()) {
    if (await answers(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}
