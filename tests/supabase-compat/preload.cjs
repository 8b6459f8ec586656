/**
 * Preloaded (NODE_OPTIONS=--require) into the Jest processes of tests/supabase-compat. Supabase's
 * suites hard-code the Supabase CLI's ports (http://127.0.0.1:54321 …); the local platform runs on
 * free ports instead, so outgoing TCP connections to a mapped local port are sent to the platform's
 * port — the suites stay unchanged, as with a port forward. COMPAT_PORT_MAP is "54321=61234,…".
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload */
const net = require('node:net');

const map = new Map(
  (process.env.COMPAT_PORT_MAP ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=').map(Number)),
);
const LOCAL = new Set([undefined, null, '', 'localhost', '127.0.0.1', '::1', '[::1]']);

function remap(options) {
  if (!options || typeof options !== 'object' || options.path) return;
  const port = Number(options.port);
  if (map.has(port) && LOCAL.has(options.host)) {
    options.port = map.get(port);
    options.host = '127.0.0.1';
  }
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  if (Array.isArray(args[0])) remap(args[0][0]);
  else if (typeof args[0] === 'object') remap(args[0]);
  else if (map.has(Number(args[0])) && LOCAL.has(typeof args[1] === 'string' ? args[1] : undefined)) {
    args[0] = map.get(Number(args[0]));
    if (typeof args[1] === 'string') args[1] = '127.0.0.1';
  }
  return connect.apply(this, args);
};

/**
 * The suites target Node 22+, which has a global WebSocket; on Node 20 the `ws` package installed
 * in the checkout stands in for it (supabase-js builds its Realtime client eagerly).
 */
if (typeof globalThis.WebSocket === 'undefined' && process.env.COMPAT_CHECKOUT) {
  const { createRequire } = require('node:module');
  globalThis.WebSocket = createRequire(`${process.env.COMPAT_CHECKOUT}/package.json`)('ws');
}
