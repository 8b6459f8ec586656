import net from 'node:net';

/** Fails with a message naming the port and the variable that changes it. */
export async function assertPortFree(port: number, variable: string, what: string): Promise<void> {
  const free = await isPortFree(port);
  if (!free) {
    throw new Error(
      `Port ${port} (${what}) is already in use. Stop whatever is using it, or choose another port with ${variable}=<port>.`,
    );
  }
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS considers free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
