/**
 * Live collaboration through supabase-js, as the app subscribes: one channel per open document with
 * `document_id` bindings on translations, notes and replies, its project's decisions and counters,
 * and presence. Row-level security decides who hears what: members hear their project's changes,
 * outsiders nothing, and a draft note only its author.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeChannel } from '@supabase/supabase-js';
import { type AppClient, type Team, createProject, signInTeam } from './app-helpers.ts';
import { Inbox, subscribed } from './realtime-helpers.ts';

type Change = { table: string; eventType: string; new: Record<string, any>; old: Record<string, any> };

let team: Team;
let project: Awaited<ReturnType<typeof createProject>>;
const channels: [AppClient, RealtimeChannel][] = [];

beforeAll(async () => {
  team = await signInTeam();
  project = await createProject(team, `Live ${Date.now()}`);
});

afterAll(async () => {
  await Promise.all(channels.splice(0).map(([c, ch]) => c.removeChannel(ch)));
  await Promise.all([team.owner, team.translator, team.researcher, team.reviewer, team.outsider].map((c) => c.realtime.disconnect()));
});

let topic = 0;

/** Subscribes `who` to the document's changes the way the app's document screen does. */
async function follow(who: AppClient, documentId: string, projectId: string): Promise<Inbox<Change>> {
  await who.realtime.setAuth();
  const inbox = new Inbox<Change>();
  const filter = `document_id=eq.${documentId}`;
  const channel = who.channel(`contract-document:${documentId}:${++topic}`);
  for (const table of ['translations', 'annotations', 'annotation_replies', 'document_stats']) {
    channel.on('postgres_changes', { event: '*', schema: 'public', table, filter }, (c) => inbox.push(c as unknown as Change));
  }
  channel.on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'review_events', filter: `project_id=eq.${projectId}` }, (c) =>
    inbox.push(c as unknown as Change),
  );
  channels.push([who, channel]);
  await subscribed(channel);
  return inbox;
}

/** Gives a change time to reach everyone; what has not arrived by then was not sent. */
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('live document changes', () => {
  it('sends a saved translation to members with the row, and nothing to an outsider', async () => {
    const [reviewer, outsider] = await Promise.all([
      follow(team.reviewer, project.documentId, project.projectId),
      follow(team.outsider, project.documentId, project.projectId),
    ]);
    const saved = await team.translator.rpc('save_translation', {
      p_paragraph_id: project.paragraphIds[1]!,
      p_expected_version: 0,
      p_body: null,
      p_text: 'The two sides decided to strengthen cooperation.',
    });
    expect(saved.error).toBeNull();
    const change = await reviewer.next((c) => c.table === 'translations');
    expect(change).toMatchObject({
      eventType: 'UPDATE',
      new: {
        id: saved.data!.id,
        paragraph_id: project.paragraphIds[1],
        document_id: project.documentId,
        text: 'The two sides decided to strengthen cooperation.',
        version: saved.data!.version,
        updated_by: team.ids.translator,
      },
    });
    await settle();
    expect(outsider.items).toEqual([]);
  });

  it('sends a draft note only to its author, and to the team once submitted', async () => {
    const [researcher, reviewer, translator] = await Promise.all([
      follow(team.researcher, project.documentId, project.projectId),
      follow(team.reviewer, project.documentId, project.projectId),
      follow(team.translator, project.documentId, project.projectId),
    ]);
    const note = await team.researcher
      .from('annotations')
      .insert({ paragraph_id: project.paragraphIds[0]!, status: 'draft', body_text: 'Check the heading numeral.' })
      .select('id, version')
      .single();
    expect(note.error).toBeNull();
    const own = await researcher.next((c) => c.table === 'annotations');
    expect(own).toMatchObject({ eventType: 'INSERT', new: { id: note.data!.id, status: 'draft', document_id: project.documentId } });
    await settle();
    expect(reviewer.items.filter((c) => c.table === 'annotations')).toEqual([]);
    expect(translator.items.filter((c) => c.table === 'annotations')).toEqual([]);

    const submitted = await team.researcher.rpc('save_annotation', { p_id: note.data!.id, p_expected_version: note.data!.version, p_patch: { status: 'submitted' } });
    expect(submitted.error).toBeNull();
    for (const inbox of [reviewer, translator, researcher]) {
      expect(await inbox.next((c) => c.table === 'annotations')).toMatchObject({ eventType: 'UPDATE', new: { id: note.data!.id, status: 'submitted' } });
    }

    // Replies in the note's thread follow by document too.
    const reply = await team.reviewer.from('annotation_replies').insert({ annotation_id: note.data!.id, body_text: 'Yes: 一 is the section number.' }).select('id').single();
    expect(reply.error).toBeNull();
    expect(await researcher.next((c) => c.table === 'annotation_replies')).toMatchObject({
      eventType: 'INSERT',
      new: { id: reply.data!.id, annotation_id: note.data!.id, document_id: project.documentId, body_text: 'Yes: 一 is the section number.' },
    });

    // A deleted note: the key alone, to whoever subscribed to deletions without a filter.
    const deletions = new Inbox<Change>();
    const channel = team.translator
      .channel(`contract-deletions:${++topic}`)
      .on('postgres_changes', { event: 'DELETE', schema: 'public', table: 'annotations' }, (c) => deletions.push(c as unknown as Change));
    channels.push([team.translator, channel]);
    await subscribed(channel);
    expect((await team.researcher.from('annotations').delete().eq('id', note.data!.id)).error).toBeNull();
    expect(await deletions.next((c) => c.old.id === note.data!.id)).toMatchObject({ eventType: 'DELETE', old: { id: note.data!.id } });
  });

  it('sends review decisions to the project and queue changes to reviewers by status', async () => {
    const queue = new Inbox<Change>();
    await team.reviewer.realtime.setAuth();
    const channel = team.reviewer
      .channel(`contract-review:${++topic}`)
      .on('postgres_changes', { event: 'UPDATE', schema: 'public', table: 'translations', filter: 'status=eq.translated' }, (c) => queue.push(c as unknown as Change));
    channels.push([team.reviewer, channel]);
    await subscribed(channel);
    const [translator, outsider] = await Promise.all([
      follow(team.translator, project.documentId, project.projectId),
      follow(team.outsider, project.documentId, project.projectId),
    ]);

    const draft = await team.translator.rpc('save_translation', { p_paragraph_id: project.paragraphIds[2]!, p_expected_version: 0, p_body: null, p_text: 'Shanghai' });
    const done = await team.translator.rpc('save_translation', {
      p_paragraph_id: project.paragraphIds[2]!,
      p_expected_version: draft.data!.version,
      p_body: null,
      p_text: 'Shanghai, 19 May 2014',
      p_status: 'translated',
    });
    expect(done.error).toBeNull();
    // The draft's autosave never reached the queue; the row marked translated did.
    expect(await queue.next()).toMatchObject({ new: { id: done.data!.id, status: 'translated', version: done.data!.version } });
    expect(queue.rest()).toEqual([]);
    // A row marked translated moves the document's counters (the library's progress bars).
    expect(await translator.next((c) => c.table === 'document_stats')).toMatchObject({ new: { document_id: project.documentId, project_id: project.projectId } });

    const approved = await team.reviewer.rpc('review_translation', { p_translation_id: done.data!.id, p_decision: 'approved', p_comment: '', p_version: done.data!.version });
    expect(approved.error).toBeNull();
    expect(await translator.next((c) => c.table === 'review_events')).toMatchObject({
      eventType: 'INSERT',
      new: { translation_id: done.data!.id, decision: 'approved', reviewer_id: team.ids.reviewer },
    });
    expect(await translator.next((c) => c.table === 'translations' && c.new.status === 'approved')).toMatchObject({ new: { id: done.data!.id } });
    await settle();
    expect(outsider.items).toEqual([]);
  });
});

describe('presence in a document', () => {
  it('shows each member who else is in the document and on which paragraph', async () => {
    const topicName = `document:${project.documentId}:presence-${++topic}`;
    const seen = new Inbox<Record<string, any[]>>();
    await Promise.all([team.translator.realtime.setAuth(), team.reviewer.realtime.setAuth()]);
    const a = team.translator.channel(topicName, { config: { presence: { key: `${team.ids.translator}:tab-a` } } });
    const b = team.reviewer.channel(topicName, { config: { presence: { key: `${team.ids.reviewer}:tab-b` } } });
    b.on('presence', { event: 'sync' }, () => seen.push(b.presenceState() as Record<string, any[]>));
    channels.push([team.translator, a], [team.reviewer, b]);
    await Promise.all([subscribed(a), subscribed(b)]);
    await a.track({ user_id: team.ids.translator, name: 'Demo Translator', paragraph_id: project.paragraphIds[1], position: 2 });
    const state = await seen.next((s) => !!s[`${team.ids.translator}:tab-a`]);
    expect(state[`${team.ids.translator}:tab-a`]![0]).toMatchObject({ name: 'Demo Translator', paragraph_id: project.paragraphIds[1], position: 2 });

    // Leaving the document (the screen closes) takes them out of everyone's list.
    await team.translator.removeChannel(a);
    await seen.next((s) => !s[`${team.ids.translator}:tab-a`]);

    // A tab that dies (its socket closes) leaves too: nobody is shown editing forever.
    const c = team.translator.channel(topicName, { config: { presence: { key: `${team.ids.translator}:tab-c` } } });
    channels.push([team.translator, c]);
    await subscribed(c);
    // Moving from row to row: a leave and a join (re-tracking a key would leave stale metas in
    // realtime-js's presence state); the others see one entry, the newest.
    for (const position of [null, 1, 2, 3]) {
      if (position !== null) await c.untrack();
      await c.track({ user_id: team.ids.translator, name: 'Demo Translator', paragraph_id: position && project.paragraphIds[position - 1], position });
      await seen.next((s) => s[`${team.ids.translator}:tab-c`]?.length === 1 && s[`${team.ids.translator}:tab-c`]![0].position === position);
    }
    team.translator.realtime.disconnect();
    await seen.next((s) => !s[`${team.ids.translator}:tab-c`]);
  });
});
