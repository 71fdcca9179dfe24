// The team loop through supabase-js: invitations for addresses without an account, the
// send-invitation function, rejected translations with suggestions, undo and bulk approval,
// notifications and replies, duplicate detection and document deletion.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/data/database.types.ts';
import { client, anonKey } from './env.ts';
import { createProject, signInTeam, type AppClient, type Team } from './app-helpers.ts';
import { follow, latestMail, linkIn } from './auth-helpers.ts';

let team: Team;
let project: Awaited<ReturnType<typeof createProject>>;

beforeAll(async () => {
  team = await signInTeam();
  project = await createProject(team, `Team loop ${randomBytes(4).toString('hex')}`);
});

const newAddress = (tag: string) => `${tag}-${randomBytes(6).toString('hex')}@example.com`;

describe('invitations', () => {
  it('lets an owner invite an address without an account, which joins on sign-up with the role', async () => {
    const email = newAddress('Invitee');
    const invited = await team.owner.rpc('invite_member', { p_project_id: project.projectId, p_email: email, p_role: 'translator' });
    expect(invited.error).toBeNull();
    expect(invited.data).toMatchObject({ status: 'invited', email: email.toLowerCase(), role: 'translator', already: false });

    const pending = await team.owner.from('project_invitations').select('email, role, accepted_at').eq('project_id', project.projectId);
    expect(pending.data).toContainEqual({ email: email.toLowerCase(), role: 'translator', accepted_at: null });
    const hidden = await team.translator.from('project_invitations').select('id').eq('project_id', project.projectId);
    expect(hidden.data).toEqual([]);

    const newcomer = client<Database>();
    const signedUp = await newcomer.auth.signUp({ email, password: `pw-${randomBytes(8).toString('hex')}` });
    expect(signedUp.error).toBeNull();
    const roles = await newcomer.from('project_members').select('role').eq('project_id', project.projectId).eq('user_id', signedUp.data.user!.id);
    expect(roles.data).toEqual([{ role: 'translator' }]);
    const accepted = await newcomer.rpc('accept_invitations');
    expect(accepted.data).toEqual([]);
    const told = await newcomer.from('notifications').select('kind, role, project_id');
    expect(told.data).toEqual([{ kind: 'member_added', role: 'translator', project_id: project.projectId }]);
  });

  it('refuses invitations from anyone but an owner, and malformed addresses', async () => {
    const byTranslator = await team.translator.rpc('invite_member', { p_project_id: project.projectId, p_email: newAddress('x'), p_role: 'reviewer' });
    expect(byTranslator.status).toBe(403);
    const malformed = await team.owner.rpc('invite_member', { p_project_id: project.projectId, p_email: 'not-an-address', p_role: 'reviewer' });
    expect(malformed.status).toBe(400);
    expect(malformed.error?.message).toMatch(/not an email address/);
  });

  it('serves send-invitation only to the owners of the invitation, with a signed JWT', async () => {
    const invited = await team.owner.rpc('invite_member', { p_project_id: project.projectId, p_email: newAddress('mail'), p_role: 'researcher' });
    const invitationId = (invited.data as { invitation_id: string }).invitation_id;

    const bare = await fetch(`${apiUrlOf(team.owner)}/functions/v1/send-invitation`, {
      method: 'POST',
      headers: { apikey: anonKey, authorization: 'Bearer not-a-jwt', 'content-type': 'application/json' },
      body: JSON.stringify({ invitation_id: invitationId }),
    });
    expect(bare.status).toBe(401);

    const asTranslator = await team.translator.functions.invoke('send-invitation', { body: { invitation_id: invitationId } });
    expect(await statusOf(asTranslator.error)).toBe(404);
    const malformed = await team.owner.functions.invoke('send-invitation', { body: { invitation_id: 'nope' } });
    expect(await statusOf(malformed.error)).toBe(400);
    const missing = await team.owner.functions.invoke('no-such-function', { body: {} });
    expect(await statusOf(missing.error)).toBe(404);
  });

  it('changes roles without leaving duplicate rows', async () => {
    const email = newAddress('roles');
    const stranger = client<Database>();
    await stranger.auth.signUp({ email, password: `pw-${randomBytes(8).toString('hex')}` });
    const userId = (await stranger.auth.getUser()).data.user!.id;
    await team.owner.rpc('invite_member', { p_project_id: project.projectId, p_email: email, p_role: 'researcher' });
    await team.owner.rpc('invite_member', { p_project_id: project.projectId, p_email: email, p_role: 'reviewer' });

    const merged = await team.owner.rpc('set_member_role', { p_project_id: project.projectId, p_user_id: userId, p_from: 'researcher', p_to: 'reviewer' });
    expect(merged.error).toBeNull();
    expect((merged.data ?? []).map((m) => m.role)).toEqual(['reviewer']);
    const rows = await team.owner.from('project_members').select('role').eq('project_id', project.projectId).eq('user_id', userId);
    expect(rows.data).toEqual([{ role: 'reviewer' }]);
  });
});

describe('the invitation email', () => {
  const invite = async (tag: string, role: 'translator' | 'reviewer') => {
    const email = newAddress(tag).toLowerCase();
    const invited = await team.owner.rpc('invite_member', { p_project_id: project.projectId, p_email: email, p_role: role });
    const invitationId = (invited.data as { invitation_id: string }).invitation_id;
    const sent = await team.owner.functions.invoke('send-invitation', { body: { invitation_id: invitationId, redirect_to: 'http://127.0.0.1:5173/welcome' } });
    expect(sent.error).toBeNull();
    expect(sent.data).toMatchObject({ sent: true, email });
    const row = await team.owner.from('project_invitations').select('email_sent_at').eq('id', invitationId).single();
    expect(row.data?.email_sent_at).toBeTruthy();
    return email;
  };

  it('goes out through Supabase Auth; its link signs the person in, the membership follows, and they choose a password', async () => {
    const email = await invite('mailed', 'translator');
    const mail = await latestMail(email);
    const accepted = await follow(linkIn(mail));
    expect(accepted.location.startsWith('http://127.0.0.1:5173/welcome#')).toBe(true);
    expect(accepted.fragment.get('type')).toBe('invite');

    const invitee = client<Database>();
    await invitee.auth.setSession({ access_token: accepted.fragment.get('access_token')!, refresh_token: accepted.fragment.get('refresh_token')! });
    const me = (await invitee.auth.getUser()).data.user!;
    const roles = await invitee.from('project_members').select('role').eq('project_id', project.projectId).eq('user_id', me.id);
    expect(roles.data).toEqual([{ role: 'translator' }]);
    expect((await invitee.auth.updateUser({ password: 'chosen-horse-1' })).error).toBeNull();
    const again = await client<Database>().auth.signInWithPassword({ email, password: 'chosen-horse-1' });
    expect(again.error).toBeNull();
  });

  it('still lets the person create their account instead of following the link (the app then sets the password)', async () => {
    const email = await invite('signs-up', 'reviewer');
    const newcomer = client<Database>();
    const signedUp = await newcomer.auth.signUp({ email, password: 'typed-horse-1' });
    expect(signedUp.error).toBeNull();
    // Supabase Auth confirms an invited address on sign-up without taking the password; the app sets it.
    expect(signedUp.data.user?.invited_at).toBeTruthy();
    expect(signedUp.data.session).toBeTruthy();
    expect((await newcomer.auth.updateUser({ password: 'typed-horse-1' })).error).toBeNull();
    const roles = await newcomer.from('project_members').select('role').eq('project_id', project.projectId).eq('user_id', signedUp.data.user!.id);
    expect(roles.data).toEqual([{ role: 'reviewer' }]);
    expect((await client<Database>().auth.signInWithPassword({ email, password: 'typed-horse-1' })).error).toBeNull();
  });

  it('refuses an invitation that was accepted already', async () => {
    const email = newAddress('twice').toLowerCase();
    const invited = await team.owner.rpc('invite_member', { p_project_id: project.projectId, p_email: email, p_role: 'translator' });
    await client<Database>().auth.signUp({ email, password: 'some-horse-1' });
    const again = await team.owner.functions.invoke('send-invitation', { body: { invitation_id: (invited.data as { invitation_id: string }).invitation_id } });
    expect(await statusOf(again.error)).toBe(409);
  });
});

describe('the review loop', () => {
  it('rejects with a suggestion, accepts it through a versioned save, approves, and undoes', async () => {
    const p3 = project.paragraphIds[2]!;
    const saved = await team.translator.rpc('save_translation', { p_paragraph_id: p3, p_expected_version: 0, p_body: null, p_text: 'Shanghai, 19 May 2014', p_status: 'translated' });
    const id = saved.data!.id;

    const rejected = await team.reviewer.rpc('review_translation', {
      p_translation_id: id,
      p_decision: 'rejected',
      p_comment: 'Date first, as in the original.',
      p_version: saved.data!.version,
      p_suggestion: '19 May 2014, Shanghai',
    });
    expect(rejected.data).toMatchObject({ status: 'rejected', suggested_text: '19 May 2014, Shanghai', reviewed_by: team.ids.reviewer });

    const inbox = await team.translator.from('notifications').select('kind, excerpt, paragraph_id').eq('translation_id', id);
    expect(inbox.data).toEqual([{ kind: 'translation_rejected', excerpt: 'Date first, as in the original.', paragraph_id: p3 }]);

    const accepted = await team.translator.rpc('save_translation', {
      p_paragraph_id: p3,
      p_expected_version: rejected.data!.version,
      p_body: null,
      p_text: rejected.data!.suggested_text!,
      p_status: 'translated',
    });
    expect(accepted.data).toMatchObject({ status: 'translated', text: '19 May 2014, Shanghai', suggested_text: null, review_comment: null });

    const approved = await team.reviewer.rpc('review_translation', { p_translation_id: id, p_decision: 'approved', p_comment: '', p_version: accepted.data!.version });
    expect(approved.data?.status).toBe('approved');
    const undone = await team.reviewer.rpc('undo_review', { p_item_type: 'translation', p_item_id: id, p_version: approved.data!.version });
    expect(undone.data).toMatchObject({ status: 'translated' });
    const undoAgain = await team.reviewer.rpc('undo_review', { p_item_type: 'translation', p_item_id: id, p_version: approved.data!.version + 1 });
    expect(undoAgain.status).toBe(409);

    const history = await team.researcher.from('review_events').select('decision').eq('translation_id', id).order('id');
    expect(history.data!.map((e) => e.decision)).toEqual(['rejected', 'approved', 'undone']);
  });

  it('approves several items at once and reports the ones it skipped', async () => {
    const [p1, p2] = project.paragraphIds;
    const a = await team.translator.rpc('save_translation', { p_paragraph_id: p1!, p_expected_version: 0, p_body: null, p_text: 'I', p_status: 'translated' });
    const b = await team.translator.rpc('save_translation', { p_paragraph_id: p2!, p_expected_version: 0, p_body: null, p_text: 'The two sides', p_status: 'translated' });
    const result = await team.reviewer.rpc('approve_items', {
      p_items: [
        { item_type: 'translation', item_id: a.data!.id, version: a.data!.version },
        { item_type: 'translation', item_id: b.data!.id, version: b.data!.version - 1 },
      ],
    });
    expect(result.error).toBeNull();
    const body = result.data as { approved: { item_id: string }[]; skipped: { item_id: string; code: string }[] };
    expect(body.approved.map((x) => x.item_id)).toEqual([a.data!.id]);
    expect(body.skipped).toMatchObject([{ item_id: b.data!.id, code: 'PT409' }]);
  });

  it("threads replies and notifies the note's author, who marks them read", async () => {
    const note = await team.researcher
      .from('annotations')
      .insert({ paragraph_id: project.paragraphIds[1]!, status: 'submitted', body_text: 'Which treaty is meant?' })
      .select()
      .single();
    await team.reviewer.rpc('review_annotation', { p_annotation_id: note.data!.id, p_decision: 'rejected', p_comment: 'Name it.', p_version: note.data!.version });
    const reply = await team.reviewer.from('annotation_replies').insert({ annotation_id: note.data!.id, body_text: 'The 2002 treaty, article 1.' }).select().single();
    expect(reply.error).toBeNull();

    const unread = await team.researcher.from('notifications').select('id, kind').eq('annotation_id', note.data!.id).is('read_at', null).order('id');
    expect(unread.data!.map((n) => n.kind)).toEqual(['annotation_rejected', 'reply']);
    const marked = await team.researcher.rpc('mark_notifications_read', { p_ids: unread.data!.map((n) => n.id) });
    expect(marked.data).toBe(2);
    const forged = await team.researcher.from('notifications').update({ excerpt: 'x' } as never).eq('annotation_id', note.data!.id);
    expect(forged.error?.code).toBe('42501');
  });
});

describe('documents', () => {
  it('finds a text imported twice and deletes a document with everything on it', async () => {
    const paragraphs = [
      { position: 1, kind: 'heading', text: '一' },
      { position: 2, kind: 'body', text: '　双方决定加强合作。' },
      { position: 3, kind: 'closing', text: '二〇一四年五月十九日于上海' },
    ];
    const duplicates = await team.owner.rpc('find_duplicate_documents', { p_project_id: project.projectId, p_document: { paragraphs } });
    expect(duplicates.data!.map((d) => d.id)).toEqual([project.documentId]);

    const copy = await team.owner.rpc('import_document', { p_project_id: project.projectId, p_document: { title: 'Copy', paragraphs } });
    const footprint = await team.owner.rpc('document_footprint', { p_document_id: copy.data! });
    expect(footprint.data).toMatchObject({ title: 'Copy', paragraphs: 3, notes: 0 });
    const byTranslator = await team.translator.rpc('delete_document', { p_document_id: copy.data! });
    expect(byTranslator.status).toBe(403);
    const deleted = await team.owner.rpc('delete_document', { p_document_id: copy.data! });
    expect(deleted.data).toMatchObject({ paragraphs: 3 });
    const gone = await team.owner.from('documents').select('id').eq('id', copy.data!);
    expect(gone.data).toEqual([]);
  });
});

function apiUrlOf(c: AppClient): string {
  return (c as unknown as { supabaseUrl: string }).supabaseUrl;
}

async function statusOf(error: unknown): Promise<number | undefined> {
  const context = (error as { context?: Response } | null)?.context;
  return context?.status;
}
