import type { Config } from '@netlify/functions';
import { searchUsers } from '../lib/admin/users/search-users';
import { defineHandler } from '../lib/http/define-handler';
import { AdminUserSearchQuery } from '../../src/shared/admin-users';

export default defineHandler({ method: 'GET', auth: 'admin', query: AdminUserSearchQuery }, ({ db, query }) =>
  searchUsers(db, query.email),
);

export const config: Config = { path: '/api/admin/users' };
