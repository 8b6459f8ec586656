import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Textarea } from '@/components/ui';

interface ComposerProps {
  disabled: boolean;
  sending: boolean;
  onSend(message: string): void;
  onStop(): void;
}

/** Enter sends, Shift+Enter starts a new line; while an answer streams, Stop ends it. */
export function Composer({ disabled, sending, onSend, onStop }: ComposerProps) {
  const [text, setText] = useState('');
  const submit = () => {
    const message = text.trim();
    if (!message || disabled || sending) return;
    onSend(message);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
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
      {sending ? (
        <Button variant="secondary" onClick={onStop}>
          Stop
        </Button>
      ) : (
        <Button type="submit" disabled={disabled || text.trim() === ''}>
          Send
        </Button>
      )}
    </form>
  );
}
