/**
 * The VITE_ variables the SPA needs, for jsdom tests (loaded by setup-dom.ts before any test
 * module). The URL points nowhere on purpose: a test that reaches the network must mock it with
 * msw (which fails on unhandled requests).
 */
import { vi } from 'vitest';

export const testSupabaseUrl = import.meta.env.VITE_SUPABASE_URL || 'http://supabase.test';

vi.stubEnv('VITE_SUPABASE_URL', testSupabaseUrl);
vi.stubEnv('VITE_SUPABASE_ANON_KEY', import.meta.env.VITE_SUPABASE_ANON_KEY || 'test-anon-key');
