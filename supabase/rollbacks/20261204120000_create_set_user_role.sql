-- Rollback: no function to make an admin with.
drop function private.set_user_role(text, text);
