// Members of a project and their roles, for owners: invite by email, change a role, remove.
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../data/projects.ts';
import { UnknownEmailError, useChangeMemberRole, useInviteMember, useMembers, useRemoveMember } from '../../data/members.ts';
import { errorCode, errorMessage } from '../../data/errors.ts';
import { useCurrentUser } from '../../data/session.ts';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';

const roleKey = (r: Role) => `role.${r}` as MessageKey;

function describeError(t: Translate, e: unknown): string {
  if (e instanceof UnknownEmailError) return t('members.error.unknownEmail', { email: e.email });
  if (errorCode(e) === '23505') return t('members.error.duplicate');
  if (errorCode(e) === '42501') return t('members.error.forbidden');
  return errorMessage(e);
}

export function MembersPanel({ projectId, projectName }: { projectId: string; projectName: string }) {
  const t = useT();
  const user = useCurrentUser();
  const [open, setOpen] = useState(false);
  const members = useMembers(projectId, open);
  const invite = useInviteMember(projectId);
  const changeRole = useChangeMemberRole(projectId);
  const remove = useRemoveMember(projectId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('translator');
  const headingId = `members-${projectId}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return;
    invite.mutate({ email, role }, { onSuccess: () => setEmail('') });
  }

  const actionError = changeRole.error ?? remove.error;

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
                      disabled={self}
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
                        onClick={() => remove.mutate({ userId: m.userId, role: m.role })}
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
          <p className="form-success" role="status">
            {t('members.invited')}
          </p>
        ) : null}
      </form>
    </details>
  );
}
