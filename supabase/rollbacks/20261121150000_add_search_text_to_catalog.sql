-- Rollback of 20261121150000_add_search_text_to_catalog.sql: restores ai_employee_catalog exactly
-- as 20261121008000_create_marketplace_tables.sql defines it. A view cannot lose a column through
-- create or replace, so it is dropped and recreated with its previous comment and grants (nothing
-- else depends on it).
drop view public.ai_employee_catalog;

create view public.ai_employee_catalog
with (security_invoker = false)
as
select
  e.id,
  e.slug,
  e.name,
  e.role,
  e.category,
  e.description,
  e.skills,
  e.default_provider,
  e.default_model,
  e.avatar_url,
  e.created_at,
  e.latest_version_id,
  v.version as latest_version,
  v.changelog as latest_changelog,
  v.created_at as latest_version_created_at,
  coalesce(a.hire_count, 0) as hire_count,
  coalesce(a.active_users, 0) as active_users,
  coalesce(a.total_messages, 0) as total_messages,
  coalesce(a.review_count, 0) as review_count,
  a.avg_rating
from public.ai_employees e
left join public.ai_employee_versions v on v.id = e.latest_version_id
left join public.employee_analytics a on a.employee_id = e.id
where e.published;
comment on view public.ai_employee_catalog is
  'Marketplace read model: published employees with latest version number/changelog and analytics. Runs as its owner to reach version metadata; never exposes system_prompt or tools.';
revoke all on table public.ai_employee_catalog from anon, authenticated;
grant select on table public.ai_employee_catalog to anon, authenticated, service_role;
