// Members of a project and their roles, for owners: invite by email (with or without an account),
// pending invitations, change a role, remove (after a confirmation).
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../data/projects.ts';
import {
  useChangeMemberRole,
  useInvitations,
  useInviteMember,
  useMembers,
  useRemoveMember,
  useRevokeInvitation,
  type InviteOutcome,
  type Member,
} from '../../data/members.ts';
import { errorCode, errorMessage } from '../../data/errors.ts';
import { useCurrentUser } from '../../data/session.ts';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { RelativeTime } from '../../components/relative-time.tsx';

const roleKey = (r: Role) => `role.${r}` as MessageKey;

function describeError(t: Translate, e: unknown): string {
  const code = errorCode(e);
  if (code === '23505') return t('members.error.duplicate');
  if (code === '42501') return t('members.error.forbidden');
  if (code === '23514') return t('members.error.lastOwner');
  if (code === '22023') return t('members.error.invalidEmail');
  return errorMessage(e);
}

function describeOutcome(t: Translate, outcome: InviteOutcome): string {
  if (outcome.status === 'added') return t(outcome.already ? 'members.outcome.alreadyMember' : 'members.outcome.added', { email: outcome.email });
  if (!outcome.emailSent) return t('members.outcome.invitedNoEmail', { email: outcome.email, reason: outcome.emailError ?? '' });
  return t(outcome.already ? 'members.outcome.reinvited' : 'members.outcome.invited', { email: outcome.email });
}

export function MembersPanel({ projectId, projectName }: { projectId: string; projectName: string }) {
  const t = useT();
  const user = useCurrentUser();
  const [open, setOpen] = useState(false);
  const members = useMembers(projectId, open);
  const invitations = useInvitations(projectId, open);
  const invite = useInviteMember(projectId);
  const changeRole = useChangeMemberRole(projectId);
  const remove = useRemoveMember(projectId);
  const revoke = useRevokeInvitation(projectId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('translator');
  const [removing, setRemoving] = useState<Member | null>(null);
  const headingId = `members-${projectId}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return;
    invite.mutate({ email, role }, { onSuccess: () => setEmail('') });
  }

  const actionError = changeRole.error ?? remove.error ?? revoke.error;

  return (
    <details className="members" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <h3 id={headingId}>{t('members.title')}</h3>
      </summary>
      {members.isPending ? <Loading /> : null}
      {members.isError ? <ErrorState title={t('members.error.load')} detail={errorMessage(members.error)} /> : null}
      {members.data ? (
        <table className="members-table">
          <caption className="visually-hidden">{t('members.caption', { name: projectName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.email')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('members.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => {
              const self = m.userId === user.id;
              return (
                <tr key={`${m.userId}:${m.role}`}>
                  <td>{m.displayName}</td>
                  <td>{m.email}</td>
                  <td>
                    <select
                      aria-label={t('members.roleOf', { name: m.displayName })}
                      value={m.role}
                      disabled={self || changeRole.isPending}
                      onChange={(e) => changeRole.mutate({ userId: m.userId, from: m.role, to: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(roleKey(r))}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {self ? (
                      <span className="muted small">{t('members.you')}</span>
                    ) : (
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        onClick={() => setRemoving(m)}
                        aria-label={t('members.removeLabel', { name: m.displayName, role: t(roleKey(m.role)) })}
                      >
                        {t('members.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {invitations.data && invitations.data.length > 0 ? (
        <section className="invitations" aria-labelledby={`${headingId}-pending`}>
          <h4 id={`${headingId}-pending`}>{t('members.pending.title')}</h4>
          <ul className="invitation-list">
            {invitations.data.map((i) => (
              <li key={i.id}>
                <span className="invitation-email">{i.email}</span> <span className="muted">· {t(roleKey(i.role))} ·</span>{' '}
                <span className="muted small">
                  {t('members.pending.invited')} <RelativeTime iso={i.createdAt} /> ·{' '}
                  {i.emailSentAt ? t('members.pending.emailed') : t('members.pending.notEmailed')}
                </span>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(i.id)}
                  aria-label={t('members.pending.revokeLabel', { email: i.email, role: t(roleKey(i.role)) })}
                >
                  {t('members.pending.revoke')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {actionError ? (
        <p className="form-error" role="alert">
          {describeError(t, actionError)}
        </p>
      ) : null}
      <form className="invite" onSubmit={submit} aria-label={t('members.inviteForm')}>
        <div className="field">
          <label htmlFor={`invite-email-${projectId}`}>{t('members.inviteEmail')}</label>
          <input id={`invite-email-${projectId}`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`invite-role-${projectId}`}>{t('members.role')}</label>
          <select id={`invite-role-${projectId}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(roleKey(r))}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={invite.isPending}>
          {t('members.invite')}
        </button>
        {invite.isError ? (
          <p className="form-error" role="alert">
            {describeError(t, invite.error)}
          </p>
        ) : null}
        {invite.isSuccess ? (
          <p className={invite.data.status === 'invited' && !invite.data.emailSent ? 'form-warning' : 'form-success'} role="status">
            {describeOutcome(t, invite.data)}
          </p>
        ) : null}
      </form>
      {removing ? (
        <ConfirmDialog
          title={t('members.removeTitle', { name: removing.displayName })}
          confirmLabel={t('members.removeConfirm')}
          danger
          busy={remove.isPending}
          onCancel={() => setRemoving(null)}
          onConfirm={() =>
            remove.mutate({ userId: removing.userId, role: removing.role }, { onSettled: () => setRemoving(null) })
          }
        >
          <p>{t('members.removeLead', { name: removing.displayName, role: t(roleKey(removing.role)), project: projectName })}</p>
        </ConfirmDialog>
      ) : null}
    </details>
  );
}
