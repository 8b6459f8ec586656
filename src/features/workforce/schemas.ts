import { z } from 'zod';

export const hireRowSchema = z.object({
  id: z.string(),
  employee_id: z.string(),
  employee_version_id: z.string(),
  is_active: z.boolean(),
  hired_at: z.string(),
  version_pinned_at: z.string(),
});

export const hiredEmployeeProfileSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    role: z.string(),
    category: z.string(),
    avatar_url: z.string().nullable(),
    latest_version: z.number().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    role: row.role,
    category: row.category,
    avatarUrl: row.avatar_url,
    latestVersion: row.latest_version,
  }));

export const versionSchema = z
  .object({
    id: z.string(),
    employee_id: z.string(),
    version: z.number().int(),
    provider: z.string(),
    model: z.string(),
    changelog: z.string(),
    created_at: z.string(),
  })
  .transform((row) => ({
    id: row.id,
    employeeId: row.employee_id,
    version: row.version,
    provider: row.provider,
    model: row.model,
    changelog: row.changelog,
    createdAt: row.created_at,
  }));

export type EmployeeVersion = z.output<typeof versionSchema>;
export type HiredEmployeeProfile = z.output<typeof hiredEmployeeProfileSchema>;

export interface HiredEmployee {
  hireId: string;
  isActive: boolean;
  hiredAt: string;
  versionPinnedAt: string;
  /** Null when the employee has since been withdrawn from the marketplace. */
  employee: HiredEmployeeProfile | null;
  /** The version this hire runs; null only if its metadata is no longer visible. */
  pinned: EmployeeVersion | null;
  /** Versions newer than the pinned one, oldest first: what an upgrade would bring. */
  newerVersions: EmployeeVersion[];
}
