-- Sign-ins, sign-outs, password changes and email changes in audit_logs, written by the database
-- (issue 15, "recent security events"; ADR 0072). Triggers on Auth's own tables see every path —
-- the SPA, Auth's API called directly, OAuth and email links, admin tools, SQL — not only the
-- ones our code takes. Auth does not tell the database the request's address, so the rows carry
-- what the tables know: a session's device (user agent, IP) for sign-ins and sign-outs, nothing
-- for password and email changes.
--
-- Nothing here names the person beyond actor_id (set null when the account is deleted, ADR 0011
-- and 0046): no addresses in metadata, target_id empty.
--
--   auth.sign_in                 a session was created (any method; metadata.methods from its amr claims)
--   auth.sign_out                a session was ended (sign-out, "everywhere else", a password change)
--   auth.password_changed        a new password was stored (metadata.first: the account had none)
--   auth.password_removed        the password was cleared (an operator's SQL, ADR 0050)
--   auth.email_change_requested  a change of address is waiting for its confirmation links
--   auth.email_changed           the address changed (confirmed, or set by an admin)

create function private.audit_auth_event(
  p_user_id uuid,
  p_action text,
  p_ip inet,
  p_user_agent text,
  p_metadata jsonb
)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.audit_logs (actor_id, action, target_type, target_id, ip, user_agent, metadata)
  values (p_user_id, p_action, 'user', null, p_ip, left(p_user_agent, 512), coalesce(p_metadata, '{}'::jsonb));
$$;
comment on function private.audit_auth_event(uuid, text, inet, text, jsonb) is
  'Appends one auth.* security event for a user to audit_logs (the triggers on auth.sessions and auth.users call it).';
revoke execute on function private.audit_auth_event(uuid, text, inet, text, jsonb) from public, anon, authenticated;

-- Deferred to the end of Auth's transaction, so the session's amr claims (inserted after the
-- session row by GoTrue and the local Auth alike) say how the user signed in.
create function private.audit_session_started()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_methods jsonb;
begin
  select coalesce(jsonb_agg(distinct c.authentication_method), '[]'::jsonb) into v_methods
    from auth.mfa_amr_claims c where c.session_id = new.id;
  -- A user deleted in the same transaction leaves nothing to attribute the event to.
  if exists (select 1 from auth.users u where u.id = new.user_id) then
    perform private.audit_auth_event(new.user_id, 'auth.sign_in', new.ip, new.user_agent,
      jsonb_build_object('session_id', new.id, 'methods', v_methods));
  end if;
  return null;
end;
$$;
comment on function private.audit_session_started() is
  'Deferred trigger on auth.sessions insert: records auth.sign_in with the session''s device and sign-in methods.';
revoke execute on function private.audit_session_started() from public, anon, authenticated;

create constraint trigger audit_session_started
  after insert on auth.sessions
  deferrable initially deferred
  for each row execute function private.audit_session_started();

create function private.audit_session_ended()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Sessions removed by the deletion of their user (the FK cascade runs after the user row is
  -- gone) are the account deletion, audited by itself; an entry here would fail its FK.
  if exists (select 1 from auth.users u where u.id = old.user_id) then
    perform private.audit_auth_event(old.user_id, 'auth.sign_out', old.ip, old.user_agent,
      jsonb_build_object('session_id', old.id));
  end if;
  return null;
end;
$$;
comment on function private.audit_session_ended() is
  'Trigger on auth.sessions delete: records auth.sign_out with the ended session''s device, unless its user is being deleted.';
revoke execute on function private.audit_session_ended() from public, anon, authenticated;

create trigger audit_session_ended
  after delete on auth.sessions
  for each row execute function private.audit_session_ended();

create function private.audit_user_credentials_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- A soft-deleted user (Auth's admin delete with should_soft_delete) has its address and
  -- password scrambled: that is the deletion, not a change.
  if new.deleted_at is not null then
    return null;
  end if;
  if new.encrypted_password is distinct from old.encrypted_password then
    if coalesce(new.encrypted_password, '') = '' then
      perform private.audit_auth_event(new.id, 'auth.password_removed', null, null, '{}'::jsonb);
    else
      perform private.audit_auth_event(new.id, 'auth.password_changed', null, null,
        jsonb_build_object('first', coalesce(old.encrypted_password, '') = ''));
    end if;
  end if;
  if new.email is distinct from old.email then
    perform private.audit_auth_event(new.id, 'auth.email_changed', null, null, '{}'::jsonb);
  elsif coalesce(new.email_change, '') <> '' and new.email_change is distinct from old.email_change then
    perform private.audit_auth_event(new.id, 'auth.email_change_requested', null, null, '{}'::jsonb);
  end if;
  return null;
end;
$$;
comment on function private.audit_user_credentials_changed() is
  'Trigger on auth.users update of the password or address columns: records auth.password_changed/removed, auth.email_change_requested and auth.email_changed (no addresses: the entries outlive the account anonymised).';
revoke execute on function private.audit_user_credentials_changed() from public, anon, authenticated;

create trigger audit_user_credentials_changed
  after update of encrypted_password, email, email_change on auth.users
  for each row
  when (
    old.encrypted_password is distinct from new.encrypted_password
    or old.email is distinct from new.email
    or old.email_change is distinct from new.email_change
  )
  execute function private.audit_user_credentials_changed();
