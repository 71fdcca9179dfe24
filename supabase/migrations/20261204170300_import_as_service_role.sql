-- Duizhao: batch imports with the service_role key (`npm run import`, scripts run by an
-- administrator): import_document accepted only a signed-in owner, so the command line, which
-- holds the service_role key and no user, could import nothing. The service role may now import
-- into any project; such documents have no creator (created_by null), as nobody signed in made them.

create or replace function public.import_document(p_project_id uuid, p_document jsonb)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (select auth.jwt() ->> 'role') = 'service_role' and (select auth.uid()) is null then
    if not exists (select 1 from public.projects p where p.id = p_project_id) then
      raise exception 'project not found' using errcode = 'PT404';
    end if;
    return private.import_document(p_project_id, p_document, null);
  end if;
  if (select auth.uid()) is null or not private.has_role(p_project_id, array['owner']) then
    raise exception 'only project owners import documents' using errcode = '42501';
  end if;
  return private.import_document(p_project_id, p_document, (select auth.uid()));
end
$$;
comment on function public.import_document(uuid, jsonb) is
  'Owner (or the service role, for batch imports) imports {title, published_on, keywords, collection, source_line, metadata, paragraphs:[{position, kind, text}]} atomically; returns the document id.';
