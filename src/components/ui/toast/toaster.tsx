import { useEffect, useState, useSyncExternalStore } from 'react';
import { cx } from '../cx';
import type { Toast, ToastStore } from './toast-store';

/**
 * The live region the toasts appear in. Errors are announced assertively (role="alert"), the
 * rest politely. Timers pause while the pointer or focus is on a toast, so it can be read.
 */
export function Toaster({ store }: { store: ToastStore }) {
  const toasts = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return (
    // "Status messages", not "Notifications": that is the header panel's name, and landmarks need unique names.
    <section className="toaster" aria-label="Status messages">
      {/* Not a list: each toast is its own alert or status, and a list may hold only list items. */}
      <div className="toaster__list">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} store={store} />
        ))}
      </div>
    </section>
  );
}

function ToastItem({ toast, store }: { toast: Toast; store: ToastStore }) {
  const [paused, setPaused] = useState(false);
  const onDismiss = () => store.dismiss(toast.id);

  useEffect(() => {
    if (paused) return;
    const timer = window.setTimeout(() => store.dismiss(toast.id), toast.durationMs);
    return () => window.clearTimeout(timer);
  }, [paused, toast.id, toast.durationMs, store]);

  return (
    <div
      className={cx('toast', `toast--${toast.tone}`)}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="toast__body">
        <p className="toast__title">{toast.title}</p>
        {toast.description && <p className="toast__description">{toast.description}</p>}
        {toast.requestId && <p className="toast__reference">Reference: {toast.requestId}</p>}
      </div>
      <button type="button" className="toast__close" onClick={onDismiss} aria-label="Dismiss notification">
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
