import {
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { Button, Textarea, useToast } from '@/components/ui';
import { ATTACHMENTS_PER_MESSAGE, attachmentTypes, type AttachmentRef } from '@/shared/chat-attachments';

/** What the page can do to the composer: put a message in it (a starter, an edit, a refusal). */
export interface ComposerHandle {
  fill(text: string, attachments?: readonly AttachmentRef[]): void;
  focus(): void;
}

interface ComposerProps {
  disabled: boolean;
  sending: boolean;
  onSend(message: string, attachments: AttachmentRef[]): void;
  onStop(): void;
  /** Uploads a chosen file and says where it is; without it, no files can be attached. */
  onAttach?(file: File): Promise<AttachmentRef>;
  /** The text as it is typed (the cost estimate follows it). */
  onTextChange?(text: string): void;
  placeholder?: string;
  /** Shown under the box: the answer length and what the answer may cost. */
  footer?: ReactNode;
  ref?: Ref<ComposerHandle>;
}

/** The box grows with its text up to this many pixels, then scrolls. */
const maxBoxHeight = 240;

interface PendingFile {
  key: string;
  name: string;
  ref?: AttachmentRef;
}

const accept = Object.entries(attachmentTypes)
  .flatMap(([type, extensions]) => [type, ...extensions.map((extension) => `.${extension}`)])
  .join(',');

/**
 * Enter sends, Shift+Enter starts a new line; while an answer streams, Stop (or Escape) ends it.
 * The box grows with what is typed. Files are uploaded as soon as they are chosen and go with the
 * next message (up to five).
 */
export function Composer({
  disabled,
  sending,
  onSend,
  onStop,
  onAttach,
  onTextChange,
  placeholder,
  footer,
  ref,
}: ComposerProps) {
  const [text, setTextState] = useState('');
  const [files, setFiles] = useState<PendingFile[]>([]);
  const box = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const setText = (value: string) => {
    setTextState(value);
    onTextChange?.(value);
  };
  useImperativeHandle(ref, () => ({
    fill: (value, attachments = []) => {
      setText(value);
      setFiles(
        attachments.map((attachment) => ({ key: attachment.path, name: attachment.name, ref: attachment })),
      );
      box.current?.focus();
    },
    focus: () => box.current?.focus(),
  }));
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, maxBoxHeight)}px`;
  }, [text]);
  const fileInputId = useId();
  const toast = useToast();
  const uploading = files.some((file) => !file.ref);

  const submit = () => {
    const message = text.trim();
    if (!message || disabled || sending || uploading) return;
    onSend(
      message,
      files.flatMap((file) => (file.ref ? [file.ref] : [])),
    );
    setText('');
    setFiles([]);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && sending) {
      event.preventDefault();
      onStop();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  const attach = (chosen: File[]) => {
    if (!onAttach) return;
    const room = ATTACHMENTS_PER_MESSAGE - files.length;
    if (chosen.length > room) toast.error(`A message can carry at most ${ATTACHMENTS_PER_MESSAGE} files.`);
    for (const file of chosen.slice(0, Math.max(0, room))) {
      const key = crypto.randomUUID();
      setFiles((current) => [...current, { key, name: file.name }]);
      onAttach(file).then(
        (ref) =>
          setFiles((current) =>
            current.map((pending) => (pending.key === key ? { ...pending, ref } : pending)),
          ),
        (error: unknown) => {
          setFiles((current) => current.filter((pending) => pending.key !== key));
          toast.error(error, 'The file was not attached');
        },
      );
    }
  };

  return (
    <form
      className="chat-composer"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        submit();
      }}
    >
      {files.length > 0 && (
        <ul className="chat-composer__files" aria-label="Files to send">
          {files.map((file) => (
            <li key={file.key} className="chat-composer__file">
              <span>
                {file.name}
                {!file.ref && ' (uploading…)'}
              </span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${file.name}`}
                onClick={() => setFiles((current) => current.filter((pending) => pending.key !== file.key))}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor="chat-message" className="visually-hidden">
        Message
      </label>
      <Textarea
        ref={box}
        id="chat-message"
        rows={1}
        value={text}
        aria-keyshortcuts={sending ? 'Escape' : 'Enter'}
        placeholder={
          placeholder ??
          (disabled ? 'Choose an employee to start' : 'Message — Enter to send, Shift+Enter for a new line')
        }
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={disabled}
        maxLength={100_000}
      />
      {onAttach && (
        <>
          <label htmlFor={fileInputId} className="visually-hidden">
            Attach files
          </label>
          <input
            ref={fileInput}
            id={fileInputId}
            className="visually-hidden"
            type="file"
            multiple
            accept={accept}
            disabled={disabled}
            onChange={(event) => {
              attach([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
          <Button
            variant="secondary"
            disabled={disabled || files.length >= ATTACHMENTS_PER_MESSAGE}
            onClick={() => fileInput.current?.click()}
          >
            Attach
          </Button>
        </>
      )}
      {sending ? (
        <Button variant="secondary" onClick={onStop} aria-keyshortcuts="Escape">
          Stop
        </Button>
      ) : (
        <Button type="submit" disabled={disabled || uploading || text.trim() === ''}>
          Send
        </Button>
      )}
      {footer && <div className="chat-composer__footer">{footer}</div>}
    </form>
  );
}
