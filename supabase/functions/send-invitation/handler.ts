/**
 * send-invitation: emails a pending project invitation through Supabase Auth's invite endpoint.
 *
 * The browser may not hold the service key, so an owner's client calls this function with their own
 * session; the function reads the invitation as that owner (row-level security lets only owners of
 * the project see it), then asks Auth, with the service key, to send the invitation email. The
 * invitation itself does not depend on the email: the person joins when they sign up with that
 * address, whether or not the email arrives.
 *
 * Written against web-standard Request/Response and fetch, with no imports, so the same code runs
 * in Supabase's Edge Runtime (index.ts) and in the local server (server/src/functions).
 */
export interface FunctionEnv {
  supabaseUrl: string;
  anonKey: string;
  serviceRoleKey: string;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type',
  'access-control-allow-methods': 'POST, OPTIONS',
};

function reply(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...CORS, 'content-type': 'application/json' } });
}

interface Invitation {
  id: string;
  email: string;
  role: string;
  project_id: string;
  accepted_at: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Payload {
  invitationId: string;
  redirectTo: string | undefined;
}

function readPayload(body: unknown): Payload | string {
  if (typeof body !== 'object' || body === null) return 'the body is a JSON object';
  const { invitation_id: invitationId, redirect_to: redirectTo } = body as Record<string, unknown>;
  if (typeof invitationId !== 'string' || !UUID.test(invitationId)) return 'invitation_id must be a uuid';
  if (redirectTo !== undefined && redirectTo !== null) {
    if (typeof redirectTo !== 'string') return 'redirect_to must be a URL';
    try {
      const url = new URL(redirectTo);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'redirect_to must be an http(s) URL';
    } catch {
      return 'redirect_to must be a URL';
    }
    return { invitationId, redirectTo };
  }
  return { invitationId, redirectTo: undefined };
}

export default async function sendInvitation(req: Request, env: FunctionEnv): Promise<Response> {
  if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  if (req.method !== 'POST') return reply(405, { error: 'method_not_allowed', message: 'POST an invitation_id' });
  const authorization = req.headers.get('authorization');
  if (!authorization?.startsWith('Bearer ')) return reply(401, { error: 'unauthorized', message: 'Sign in to send invitations' });

  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return reply(400, { error: 'bad_request', message: 'the body is not JSON' });
  }
  const payload = readPayload(body);
  if (typeof payload === 'string') return reply(400, { error: 'bad_request', message: payload });

  const rest = `${env.supabaseUrl}/rest/v1/project_invitations?id=eq.${payload.invitationId}`;
  // Row-level security shows an invitation to the owners of its project only.
  const read = await fetch(`${rest}&select=id,email,role,project_id,accepted_at`, {
    headers: { apikey: env.anonKey, authorization, accept: 'application/json' },
  });
  if (!read.ok) return reply(read.status === 401 ? 401 : 502, { error: 'read_failed', message: await read.text() });
  const [invitation] = (await read.json()) as Invitation[];
  if (!invitation) return reply(404, { error: 'not_found', message: 'No such invitation among the projects you own' });
  if (invitation.accepted_at) return reply(409, { error: 'already_accepted', message: 'This invitation has been accepted' });

  const service = { apikey: env.serviceRoleKey, authorization: `Bearer ${env.serviceRoleKey}`, 'content-type': 'application/json' };
  const inviteUrl = new URL(`${env.supabaseUrl}/auth/v1/invite`);
  if (payload.redirectTo) inviteUrl.searchParams.set('redirect_to', payload.redirectTo);
  const invite = await fetch(inviteUrl, {
    method: 'POST',
    headers: service,
    body: JSON.stringify({ email: invitation.email, data: { invited_to_project: invitation.project_id, invited_role: invitation.role } }),
  });
  if (!invite.ok) {
    const problem = (await invite.json().catch(() => ({}))) as { error_code?: string; code?: string | number; msg?: string; message?: string };
    const message = problem.msg ?? problem.message ?? `Auth answered ${invite.status}`;
    // The address registered meanwhile: a confirmed account gets no invitation email; the pending
    // invitation is taken at their next sign-in.
    if (problem.error_code === 'email_exists' || invite.status === 422) {
      return reply(409, { error: 'email_exists', message: 'This address already has an account; they join at their next sign-in' });
    }
    if (invite.status === 429) return reply(429, { error: 'rate_limited', message });
    return reply(502, { error: 'invite_failed', message });
  }

  const sentAt = new Date().toISOString();
  const mark = await fetch(rest, { method: 'PATCH', headers: { ...service, prefer: 'return=minimal' }, body: JSON.stringify({ email_sent_at: sentAt }) });
  if (!mark.ok) return reply(502, { error: 'mark_failed', message: await mark.text() });
  return reply(200, { sent: true, email: invitation.email, email_sent_at: sentAt });
}
