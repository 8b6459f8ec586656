import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { blogFeeds } from './build/vite-plugin-blog-feeds.ts';
import { marketingPages } from './build/vite-plugin-marketing-pages.ts';
import { localNetlify } from './dev/functions/vite-plugin.ts';

// In the dev server the functions under /api run in this process, and @netlify/vite-plugin applies
// netlify.toml's redirects and headers offline (dev/functions, ADR 0023). The build is plain Vite;
// the functions deploy as netlify.toml says (checked by `npm run check:functions`).
export default defineConfig({
  // blogFeeds: rss.xml, sitemap.xml and the blog's prerendered post pages, from the published posts.
  // marketingPages: / and /pricing prerendered beside the SPA's app.html (ADR 0083); after
  // localNetlify, whose SPA rule and headers apply to them first in the dev server.
  plugins: [react(), localNetlify(), blogFeeds(), marketingPages()],
  resolve: {
    alias: { '@': path.resolve(import.meta.dirname, 'src') },
  },
  server: {
    host: 'localhost',
    strictPort: true,
  },
  preview: {
    strictPort: true,
  },
  build: {
    sourcemap: true,
    target: 'es2022',
  },
});
