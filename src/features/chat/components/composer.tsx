import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Textarea, useToast } from '@/components/ui';
import { ATTACHMENTS_PER_MESSAGE, attachmentTypes, type AttachmentRef } from '@/shared/chat-attachments';

interface ComposerProps {
  disabled: boolean;
  sending: boolean;
  onSend(message: string, attachments: AttachmentRef[]): void;
  onStop(): void;
  /** Uploads a chosen file and says where it is; without it, no files can be attached. */
  onAttach?(file: File): Promise<AttachmentRef>;
}

interface PendingFile {
  key: string;
  name: string;
  ref?: AttachmentRef;
}

const accept = Object.entries(attachmentTypes)
  .flatMap(([type, extensions]) => [type, ...extensions.map((extension) => `.${extension}`)])
  .join(',');

/**
 * Enter sends, Shift+Enter starts a new line; while an answer streams, Stop ends it. Files are
 * uploaded as soon as they are chosen and go with the next message (up to five).
 */
export function Composer({ disabled, sending, onSend, onStop, onAttach }: ComposerProps) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<PendingFile[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
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
        id="chat-message"
        rows={3}
        value={text}
        placeholder={
          disabled
            ? 'Choose an employee to start'
            : 'Write a message — Enter to send, Shift+Enter for a new line'
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
        <Button variant="secondary" onClick={onStop}>
          Stop
        </Button>
      ) : (
        <Button type="submit" disabled={disabled || uploading || text.trim() === ''}>
          Send
        </Button>
      )}
    </form>
  );
}
