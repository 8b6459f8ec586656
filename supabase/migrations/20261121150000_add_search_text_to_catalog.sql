-- Marketplace search: add search_text to ai_employee_catalog, one lower-cased string holding an
-- employee's name, role, category, description and skills.
--
-- Why: the SPA searches "by name or skill" through PostgREST, which can match text columns with
-- ilike but can only test arrays for containment, so a skills text[] matched whole skills only
-- ("Python" found "Python", never "python" or "pyth"). One text column gives a single
-- case-insensitive substring filter over everything a visitor may type.
--
-- No trigram index: the catalog holds a few dozen published employees, so a sequential ilike is
-- cheaper than maintaining one. If the catalog grows to thousands of rows, add pg_trgm (schema
-- extensions) and a gin index on the same expression over public.ai_employees.
--
-- create or replace view may only append columns, so every existing column keeps its position and
-- definition; the view's options, owner, grants and comment are untouched.

create or replace view public.ai_employee_catalog
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
  a.avg_rating,
  -- Joined by spaces, so neighbouring fields or skills never fuse into a word that is in neither.
  lower(concat_ws(' ', e.name, e.role, e.category, e.description, array_to_string(e.skills, ' '))) as search_text
from public.ai_employees e
left join public.ai_employee_versions v on v.id = e.latest_version_id
left join public.employee_analytics a on a.employee_id = e.id
where e.published;

comment on column public.ai_employee_catalog.search_text is
  'Lower-cased name, role, category, description and skills joined by spaces: the one column marketplace search filters with ilike (PostgREST cannot substring-match inside text[]).';
