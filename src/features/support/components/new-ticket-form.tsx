import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Card, ErrorState, Field, Input, Select, Textarea } from '@/components/ui';
import { paths } from '@/config/paths';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { dailyTicketLimit, ticketCategories, type TicketCategory } from '@/shared/support';
import { z } from 'zod';
import { useOpenTicket } from '../api/ticket-mutations';
import { supportKeys } from '../keys';
import { categoryLabels } from '../labels';

const categoryOptions = ticketCategories.map((value) => ({ value, label: categoryLabels[value] }));

/** The caller's recent chats, to point a ticket at one (RLS: only their own). */
function useRecentChats() {
  return useQuery({
    queryKey: [...supportKeys.all, 'recent-chats'],
    queryFn: async () =>
      z
        .object({ id: z.string(), title: z.string() })
        .array()
        .parse(
          unwrap(
            await supabase
              .from('chat_sessions')
              .select('id, title')
              .order('last_message_at', { ascending: false, nullsFirst: false })
              .limit(20),
          ),
        ),
  });
}

export function NewTicketForm() {
  const [params] = useSearchParams();
  const [subject, setSubject] = useState('');
  const [category, setCategory] = useState<TicketCategory | ''>('');
  const [body, setBody] = useState('');
  const [chatSessionId, setChatSessionId] = useState(params.get('chat') ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const chats = useRecentChats();
  const open = useOpenTicket();
  const navigate = useNavigate();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!subject.trim()) found.subject = 'Say in a few words what it is about.';
    if (!category) found.category = 'Choose a category.';
    if (!body.trim()) found.body = 'Describe the problem.';
    setErrors(found);
    if (Object.keys(found).length > 0 || !category) return;
    open.mutate(
      { subject: subject.trim(), category, body: body.trim(), chatSessionId: chatSessionId || undefined },
      { onSuccess: (id) => void navigate(paths.supportTicket.getHref(id)) },
    );
  };

  return (
    <Card as="section" title="Open a ticket" titleAs="h2" className="new-ticket">
      <form onSubmit={submit} noValidate className="new-ticket__form">
        <Field label="Subject" required error={errors.subject}>
          <Input value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
        </Field>
        <Field label="Category" required error={errors.category}>
          <Select
            options={categoryOptions}
            value={category}
            placeholder="Choose…"
            onValueChange={(value) => setCategory(value)}
          />
        </Field>
        <Field label="About a chat (optional)">
          <Select
            options={(chats.data ?? []).map((chat) => ({ value: chat.id, label: chat.title }))}
            value={chatSessionId}
            placeholder="No chat"
            onValueChange={(value) => setChatSessionId(value)}
          />
        </Field>
        <Field label="Message" required error={errors.body} hint="Markdown works: **bold**, lists, `code`.">
          <Textarea value={body} rows={6} maxLength={10000} onChange={(e) => setBody(e.target.value)} />
        </Field>
        {open.isError && (
          <ErrorState error={open.error} title="The ticket could not be opened" headingLevel="h3" />
        )}
        <p className="new-ticket__limit">You can open up to {dailyTicketLimit} tickets a day.</p>
        <Button type="submit" loading={open.isPending}>
          Open ticket
        </Button>
      </form>
    </Card>
  );
}
