/**
 * The signed-in account menu: the user's avatar, e-mail, links and "Sign out". Loaded with the
 * other signed-in header parts (signed-in-controls.tsx), so public pages don't carry it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Avatar, Button, useToast } from '@/components/ui';
import { paths } from '@/config/paths';
import { useMyProfile } from '@/lib/my-profile';
import { supabase } from '@/lib/supabase';

export function SignedInMenu({
  userId,
  email,
  name,
}: {
  userId: string;
  email: string;
  name: string | null;
}) {
  const profile = useMyProfile(userId);
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const toast = useToast();
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOnOutside = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOnOutside);
    return () => document.removeEventListener('pointerdown', closeOnOutside);
  }, [open]);

  const signOut = async () => {
    setSigningOut(true);
    const { error } = await supabase.auth.signOut();
    setSigningOut(false);
    if (error) toast.error('We could not sign you out. Please try again.', 'Sign out failed');
    else setOpen(false);
  };

  return (
    <div
      className="account-slot account-menu"
      ref={containerRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          containerRef.current?.querySelector('button')?.focus();
        }
      }}
    >
      <button
        type="button"
        className="account-menu__trigger"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        {/* The initial is the person's, not the e-mail's: the profile name, else the sign-up name. */}
        <Avatar
          name={profile.data?.displayName ?? name ?? email}
          src={profile.data?.avatarUrl}
          size="sm"
          alt=""
        />
        <span className="account-menu__email">{email}</span>
        <span className="visually-hidden">Account menu</span>
      </button>
      <div className="account-menu__panel" id={menuId} hidden={!open}>
        <p className="account-menu__signed-in">
          Signed in as <strong>{email}</strong>
        </p>
        <ul className="account-menu__links">
          <li>
            <Link to={paths.dashboard.getHref()} onClick={() => setOpen(false)}>
              Dashboard
            </Link>
          </li>
          <li>
            <Link to={paths.settings.getHref()} onClick={() => setOpen(false)}>
              Settings
            </Link>
          </li>
        </ul>
        <Button variant="secondary" size="sm" block loading={signingOut} onClick={signOut}>
          Sign out
        </Button>
      </div>
    </div>
  );
}
