/**
 * The parts of @sentry/react the SPA uses, named one by one so the bundler keeps only them: a
 * dynamic import of the whole package keeps every export (Replay, Feedback, rrweb…) in the chunk.
 */
export { captureException, init } from '@sentry/react';
