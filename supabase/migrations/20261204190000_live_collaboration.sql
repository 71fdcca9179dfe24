-- Duizhao: live collaboration. Everyone with a document open follows its changes over Realtime
-- (Postgres Changes, which re-checks each row against the subscriber's RLS before sending it).
--
-- Realtime filters a subscription by one column of the changed row, and a document's translations,
-- notes and replies only knew their paragraph (or note). Each now carries its document's id, set
-- by a trigger from the paragraph (or the note), so one `document_id=eq.<id>` binding per table
-- follows a whole document, however many paragraphs it has. Clients cannot choose the value.

alter table public.translations add column document_id uuid;
alter table public.annotations add column document_id uuid;
alter table public.annotation_replies add column document_id uuid;

-- The backfill is no edit: versions, timestamps, revisions, counters and the memory stay as they are.
alter table public.translations disable trigger user;
alter table public.annotations disable trigger user;
alter table public.annotation_replies disable trigger user;
update public.translations t set document_id = p.document_id from public.paragraphs p where p.id = t.paragraph_id;
update public.annotations a set document_id = p.document_id from public.paragraphs p where p.id = a.paragraph_id;
update public.annotation_replies r set document_id = a.document_id from public.annotations a where a.id = r.annotation_id;
alter table public.translations enable trigger user;
alter table public.annotations enable trigger user;
alter table public.annotation_replies enable trigger user;

-- A check rather than NOT NULL: the trigger fills the column, so inserts need not name it (and
-- generated client types keep it optional on insert).
alter table public.translations add constraint translations_document_set check (document_id is not null);
alter table public.annotations add constraint annotations_document_set check (document_id is not null);
alter table public.annotation_replies add constraint annotation_replies_document_set check (document_id is not null);

comment on column public.translations.document_id is 'The paragraph''s document (set by a trigger): what live subscriptions filter on.';
comment on column public.annotations.document_id is 'The paragraph''s document (set by a trigger): what live subscriptions filter on.';
comment on column public.annotation_replies.document_id is 'The note''s document (set by a trigger): what live subscriptions filter on.';

create function private.set_document_from_paragraph()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  select p.document_id into new.document_id from public.paragraphs p where p.id = new.paragraph_id;
  return new;
end
$$;

create function private.set_document_from_annotation()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  select a.document_id into new.document_id from public.annotations a where a.id = new.annotation_id;
  return new;
end
$$;

revoke all on function private.set_document_from_paragraph(), private.set_document_from_annotation() from public, anon, authenticated;

create trigger translations_set_document
  before insert or update of paragraph_id, document_id on public.translations
  for each row execute function private.set_document_from_paragraph();
create trigger annotations_set_document
  before insert or update of paragraph_id, document_id on public.annotations
  for each row execute function private.set_document_from_paragraph();
create trigger annotation_replies_set_document
  before insert or update of annotation_id, document_id on public.annotation_replies
  for each row execute function private.set_document_from_annotation();

-- Threads and the library's progress follow live too. document_stats is read by members of the
-- project (its RLS), so each member hears of their own projects' counters only.
alter publication supabase_realtime add table public.annotation_replies, public.document_stats;
