// data/live.ts against the local stack: another member's save lands in this client's cached rows,
// presence names who is where, and a dropped socket is followed by a refetch of what was missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfiniteQueryObserver, QueryClient, type InfiniteData } from '@tanstack/react-query';
import { createClient } from '@supabase/supabase-js';
import { signOut } from './auth.ts';
import { supabase, supabaseAnonKey } from './client.ts';
import { acquireLive, documentLiveSpec, initialsOf, peersOf, stopAllLive } from './live.ts';
import { paragraphsQuery, type ParagraphPage, type ParagraphRange } from './paragraphs.ts';
import { actAs, DEMO_DOCUMENT_ID, DEMO_PROJECT_ID } from './testing.ts';
import type { SessionUser } from './auth.ts';

/** A second member, in a client of their own (another browser). */
const other = createClient(process.env.VITE_SUPABASE_URL!, supabaseAnonKey, {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});

let me: SessionUser;
let translatorId: string;

beforeAll(async () => {
  me = await actAs('reviewer');
  const { data, error } = await other.auth.signInWithPassword({ email: 'translator@example.com', password: 'duizhao-demo' });
  expect(error).toBeNull();
  translatorId = data.user!.id;
});

afterAll(async () => {
  await stopAllLive();
  await other.removeAllChannels();
  await other.auth.signOut();
  await signOut();
});

async function until<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function cachedRow(queryClient: QueryClient, position: number) {
  const data = queryClient.getQueryData<InfiniteData<ParagraphPage, ParagraphRange>>(paragraphsQuery(DEMO_DOCUMENT_ID).queryKey);
  return data?.pages.flatMap((p) => p.rows).find((r) => r.position === position);
}

async function saveAs(position: number, text: string) {
  const { data: paragraph } = await other.from('paragraphs').select('id, translations(version)').eq('document_id', DEMO_DOCUMENT_ID).eq('position', position).single();
  const version = (paragraph as unknown as { translations: { version: number } }).translations.version;
  const { error } = await other.rpc('save_translation', { p_paragraph_id: paragraph!.id, p_expected_version: version, p_body: null, p_text: text });
  expect(error).toBeNull();
}

describe('data/live', () => {
  it("puts another member's save into the cached rows, names who is where, and catches up after a dropped socket", async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await queryClient.fetchInfiniteQuery({ ...paragraphsQuery(DEMO_DOCUMENT_ID), pages: 1 });
    // Someone observes the rows, as the workspace does: invalidated queries refetch.
    const unobserve = new InfiniteQueryObserver(queryClient, paragraphsQuery(DEMO_DOCUMENT_ID)).subscribe(() => {});
    const { live, release } = acquireLive(documentLiveSpec(DEMO_DOCUMENT_ID, DEMO_PROJECT_ID, `${me.id}:test`), queryClient, me.id);
    await until(() => (live.status === 'live' ? true : undefined));

    const text = `Live ${Date.now()}`;
    await saveAs(6, text);
    const row = await until(() => (cachedRow(queryClient, 6)?.translations?.text === text ? cachedRow(queryClient, 6) : undefined));
    expect(row!.translations).toMatchObject({ text, updated_by: translatorId });

    // The translator opens the document and edits paragraph 5.
    const theirs = other.channel(`document:${DEMO_DOCUMENT_ID}`, { config: { presence: { key: `${translatorId}:tab` } } });
    await new Promise<void>((resolve) => theirs.subscribe((s) => s === 'SUBSCRIBED' && resolve()));
    const { data: p5 } = await other.from('paragraphs').select('id').eq('document_id', DEMO_DOCUMENT_ID).eq('position', 5).single();
    await theirs.track({ user_id: translatorId, name: 'Demo Translator', paragraph_id: p5!.id, position: 5 });
    const peers = await until(() => (live.peers.length ? live.peers : undefined));
    expect(peers).toEqual([{ key: `${translatorId}:tab`, userId: translatorId, name: 'Demo Translator', paragraphId: p5!.id, position: 5 }]);
    await other.removeChannel(theirs);
    await until(() => (live.peers.length === 0 ? true : undefined));

    // The socket drops; a save lands meanwhile; the rejoin refetches it.
    supabase.realtime.disconnect();
    await until(() => (live.status === 'reconnecting' ? true : undefined));
    const missed = `Missed ${Date.now()}`;
    await saveAs(7, missed);
    supabase.realtime.connect();
    await until(() => (cachedRow(queryClient, 7)?.translations?.text === missed ? true : undefined), 15_000);

    unobserve();
    release();
  });

  it('reads presence states and initials', () => {
    expect(
      peersOf(
        {
          'me:1': [{ user_id: 'me', name: 'Me', paragraph_id: null }],
          'b:1': [{ user_id: 'b', name: 'Demo Translator', paragraph_id: 'p5', position: 5 }],
          'a:1': [{ user_id: 'a', name: 'Ann Reviewer' }],
          junk: [{ nothing: true }],
        },
        'me',
      ).map((p) => [p.name, p.paragraphId, p.position]),
    ).toEqual([
      ['Ann Reviewer', null, null],
      ['Demo Translator', 'p5', 5],
    ]);
    expect(initialsOf('Demo Translator')).toBe('DT');
    expect(initialsOf('reviewer@example.com')).toBe('RE');
    expect(initialsOf('Jean-Luc Picard')).toBe('JP');
    expect(initialsOf('王小明')).toBe('王小');
  });
});
