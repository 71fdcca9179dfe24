-- Structure that Supabase's guidance asks for: RLS everywhere, one policy per operation, policies
-- for authenticated only, security-definer helpers pinned to search_path '', comments, indexes.
begin;
select plan(49);

select tables_are('public',
  array['profiles', 'projects', 'project_members', 'documents', 'paragraphs', 'translations',
        'translation_revisions', 'annotations', 'annotation_replies', 'review_events',
        'document_stats', 'tm_imports', 'tm_entries', 'tm_segments', 'notifications', 'project_invitations',
        'glossary_entries', 'qa_ignores'],
  'public holds exactly the Duizhao tables');
select views_are('public', array['document_progress', 'review_queue', 'library_documents', 'library_collections', 'translation_history', 'my_work', 'note_tags'], 'public holds the read-model views');

select is_empty($$
  select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity
$$, 'row-level security is enabled on every table');

select is_empty($$
  select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'v') and obj_description(c.oid, 'pg_class') is null
$$, 'every table and view has a comment');

select is_empty($$ select policyname::text from pg_policies where schemaname = 'public' and cmd = 'ALL' $$,
  'no policy covers all operations at once');
select is_empty($$ select policyname::text from pg_policies where schemaname = 'public' and roles::text[] <> array['authenticated'] $$,
  'every policy applies to authenticated only');
select is_empty($$
  select policyname::text from pg_policies
  where schemaname = 'public'
    and (coalesce(qual, '') || coalesce(with_check, '')) like '%auth.uid()%'
    and (coalesce(qual, '') || coalesce(with_check, '')) !~ 'SELECT auth\.uid\(\)'
$$, 'policies call auth.uid() through a sub-select, evaluated once per statement');
select is_empty($$
  select policyname::text from pg_policies
  where schemaname = 'public' and (coalesce(qual, '') || coalesce(with_check, '')) ~* '(user_metadata|auth\.jwt)'
$$, 'no policy reads roles from JWT claims or user_metadata');

select results_eq($$
  select cmd::text, count(*)::int from pg_policies where schemaname = 'public' group by cmd order by cmd
$$, $$ values ('DELETE', 11), ('INSERT', 8), ('SELECT', 18), ('UPDATE', 10) $$,
  'policies per operation: a select policy on every table, writes only where the matrix allows');

select is_empty($$
  select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = 'private' and p.prosecdef and not coalesce(p.proconfig @> array['search_path=""'], false)
$$, 'every security-definer helper pins search_path to ''''');
select is_empty($$
  select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = 'public' and not coalesce(p.proconfig @> array['search_path=""'], false)
$$, 'every public function pins search_path to ''''');
select ok(has_function_privilege('authenticated', 'private.has_role(uuid, text[])', 'execute'), 'policies can call private.has_role');
select ok(not has_function_privilege('anon', 'public.import_document(uuid, jsonb)', 'execute'), 'anon cannot call import_document');
select ok(not has_function_privilege('anon', 'public.save_translation(uuid, int, jsonb, text, text)', 'execute'), 'anon cannot call save_translation');
select ok(not has_function_privilege('anon', 'public.review_annotation(uuid, text, text, int)', 'execute'), 'anon cannot call review_annotation');
select ok(not has_function_privilege('anon', 'public.review_translation(uuid, text, text, int, text)', 'execute'), 'anon cannot call review_translation');
select ok(not has_function_privilege('anon', 'public.save_annotation(uuid, int, jsonb)', 'execute'), 'anon cannot call save_annotation');
select ok(not has_function_privilege('anon', 'public.add_project_member(uuid, text, text)', 'execute'), 'anon cannot call add_project_member');
select is_empty($$
  select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = 'public'
    and p.proname in ('invite_member', 'accept_invitations', 'set_member_role', 'mark_notifications_read', 'undo_review',
                      'approve_items', 'find_duplicate_documents', 'document_footprint', 'delete_document')
    and has_function_privilege('anon', p.oid, 'execute')
$$, 'anon calls none of the team RPCs');
select is((select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           where n.nspname = 'public'
             and p.proname in ('invite_member', 'accept_invitations', 'set_member_role', 'mark_notifications_read', 'undo_review',
                               'approve_items', 'find_duplicate_documents', 'document_footprint', 'delete_document')
             and has_function_privilege('authenticated', p.oid, 'execute')), 9, 'signed-in users call each of them');
select ok(not has_table_privilege('authenticated', 'public.notifications', 'insert'), 'nobody writes notifications but the triggers');
select ok(not has_column_privilege('authenticated', 'public.notifications', 'kind', 'update'), 'a reader changes nothing of a notification but read_at');
select ok(has_column_privilege('authenticated', 'public.notifications', 'read_at', 'update'), 'a reader marks their notification read');
select ok(not has_table_privilege('authenticated', 'public.project_invitations', 'insert'), 'invitations are written by invite_member only');

select is_empty($$
  select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'v' and not coalesce(c.reloptions @> array['security_invoker=true'], false)
$$, 'every view runs with the caller''s rights');

select has_function('public', 'review_annotation', array['uuid', 'text', 'text', 'integer'], 'review_annotation(p_annotation_id, p_decision, p_comment, p_version)');
select function_returns('public', 'review_annotation', array['uuid', 'text', 'text', 'integer'], 'annotations', 'review_annotation returns annotations');
select has_function('public', 'review_translation', array['uuid', 'text', 'text', 'integer', 'text'], 'review_translation(p_translation_id, p_decision, p_comment, p_version, p_suggestion)');
select function_returns('public', 'review_translation', array['uuid', 'text', 'text', 'integer', 'text'], 'translations', 'review_translation returns translations');
select hasnt_function('public', 'review_translation', array['uuid', 'text', 'text', 'integer'], 'one review_translation, without an ambiguous overload');
select function_returns('public', 'save_translation', array['uuid', 'integer', 'jsonb', 'text', 'text'], 'translations', 'save_translation returns translations');
select function_returns('public', 'save_annotation', array['uuid', 'integer', 'jsonb'], 'annotations', 'save_annotation returns annotations');
select function_returns('public', 'import_document', array['uuid', 'jsonb'], 'uuid', 'import_document returns the document id');

select is(
  array(select tablename::text from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public' order by 1),
  array['annotation_replies', 'annotations', 'document_stats', 'notifications', 'review_events', 'translations'],
  'realtime publishes translations, notes, replies, review events, document counters and notifications');

-- Indexes on every column a policy or helper filters by.
select has_index('public', 'project_members', 'project_members_pkey', array['project_id', 'user_id', 'role'], 'project_members (project_id, user_id, role)');
select has_index('public', 'project_members', 'project_members_user_id_idx', array['user_id', 'project_id'], 'project_members (user_id)');
select has_index('public', 'documents', 'documents_project_id_idx', array['project_id'], 'documents (project_id)');
select has_index('public', 'paragraphs', 'paragraphs_document_id_position_key', array['document_id', '"position"'], 'paragraphs (document_id, position)');
select has_index('public', 'translations', 'translations_paragraph_id_key', array['paragraph_id'], 'translations (paragraph_id)');
select has_index('public', 'translation_revisions', 'translation_revisions_translation_id_version_key', array['translation_id', 'version'], 'translation_revisions (translation_id)');
select has_index('public', 'annotations', 'annotations_paragraph_id_idx', array['paragraph_id'], 'annotations (paragraph_id)');
select has_index('public', 'annotations', 'annotations_author_id_idx', array['author_id'], 'annotations (author_id)');
select has_index('public', 'annotation_replies', 'annotation_replies_annotation_id_idx', array['annotation_id'], 'annotation_replies (annotation_id)');
select has_index('public', 'annotation_replies', 'annotation_replies_author_id_idx', array['author_id'], 'annotation_replies (author_id)');
select has_index('public', 'review_events', 'review_events_project_id_idx', array['project_id'], 'review_events (project_id)');
select has_index('public', 'review_events', 'review_events_document_id_idx', array['document_id'], 'review_events (document_id)');
select has_index('public', 'notifications', 'notifications_user_id_created_at_idx', array['user_id', 'created_at'], 'notifications (user_id, created_at)');
select has_index('public', 'project_invitations', 'project_invitations_pending_key', array['project_id', 'email', 'role'], 'pending invitations (project_id, email, role)');
select has_index('public', 'documents', 'documents_project_id_content_hash_idx', array['project_id', 'content_hash'], 'documents (project_id, content_hash)');

select * from finish();
rollback;
