/**
 * The toast queue, kept outside React so that non-component code (react-query's mutation cache)
 * can raise toasts too. One store per app instance, created by the ToastProvider.
 */
import { describeError } from '@/lib/describe-error';

export type ToastTone = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  description?: string | undefined;
  /** Shown as "Reference: …" so a user can quote it to support. */
  requestId?: string | undefined;
  /** How long it stays when not hovered or focused; errors stay longer. */
  durationMs: number;
}

export type ToastInput = Omit<Toast, 'id' | 'durationMs'> & { durationMs?: number };

const maxVisible = 4;
const defaultDuration: Record<ToastTone, number> = { success: 5000, info: 6000, error: 10_000 };

export interface ToastStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly Toast[];
  show(toast: ToastInput): number;
  success(title: string, description?: string): number;
  info(title: string, description?: string): number;
  /** Shows an error: a thrown error is described in words with its request reference. */
  error(error: unknown, title?: string): number;
  dismiss(id: number): void;
}

export function createToastStore(): ToastStore {
  let toasts: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((listener) => listener());

  const store: ToastStore = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => toasts,
    show(input) {
      const id = nextId++;
      const toast: Toast = { ...input, id, durationMs: input.durationMs ?? defaultDuration[input.tone] };
      toasts = [...toasts, toast].slice(-maxVisible);
      emit();
      return id;
    },
    success: (title, description) => store.show({ tone: 'success', title, description }),
    info: (title, description) => store.show({ tone: 'info', title, description }),
    error(error, title = 'That did not work') {
      if (typeof error === 'string') return store.show({ tone: 'error', title, description: error });
      const { message, requestId } = describeError(error);
      return store.show({ tone: 'error', title, description: message, requestId });
    },
    dismiss(id) {
      if (!toasts.some((toast) => toast.id === id)) return;
      toasts = toasts.filter((toast) => toast.id !== id);
      emit();
    },
  };
  return store;
}
