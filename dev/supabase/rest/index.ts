import type { MountedApi, SupabaseApiConfig } from '../context';

// Placeholder until the rest emulation lands: answers 501 so callers fail loudly.
export async function createRestApi(_config: SupabaseApiConfig): Promise<MountedApi> {
  return {
    async handle(_req, res) {
      res.writeHead(501, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'not implemented yet' }));
    },
    async close() {},
  };
}
