// Makes the local platform's environment visible to the code under test, as a deployment would.
import { inject } from 'vitest';

Object.assign(process.env, inject('platformEnv'), { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
