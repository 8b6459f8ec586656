import { createContext, use, useState, type ReactNode } from 'react';
import { createToastStore, type ToastStore } from './toast-store';
import { Toaster } from './toaster';

const ToastContext = createContext<ToastStore | null>(null);

/** Provides `useToast()` and renders the toasts. Pass `store` to share it with non-React code. */
export function ToastProvider({ store, children }: { store?: ToastStore; children: ReactNode }) {
  const [ownStore] = useState(() => store ?? createToastStore());
  return (
    <ToastContext value={ownStore}>
      {children}
      <Toaster store={ownStore} />
    </ToastContext>
  );
}

/** `const toast = useToast(); toast.success('Saved'); toast.error(error)`. */
export function useToast(): ToastStore {
  const store = use(ToastContext);
  if (!store) throw new Error('useToast must be used inside <ToastProvider>.');
  return store;
}
