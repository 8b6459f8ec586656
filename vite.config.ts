import path from 'node:path';
import netlify from '@netlify/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { blogFeeds } from './build/vite-plugin-blog-feeds';

// The Netlify plugin runs the functions under /api (with netlify.toml's redirects and headers)
// inside the Vite dev server, offline. Everything that would reach Netlify's cloud or download a
// runtime is off: edge functions (Deno), blobs, the database and image CDN emulations, geolocation.
export default defineConfig({
  plugins: [
    react(),
    // rss.xml, sitemap.xml and the blog's prerendered post pages, from the published posts.
    blogFeeds(),
    netlify({
      edgeFunctions: { enabled: false },
      aiGateway: { enabled: false },
      blobs: { enabled: false },
      database: { enabled: false },
      images: { enabled: false },
      geolocation: { enabled: false },
    }),
  ],
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
