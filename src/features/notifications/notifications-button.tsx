// The header's "Notifications" button with the unread count, and the panel it opens: what happened
// to one's work and memberships, newest first, each leading to its paragraph.
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { notificationHref, useMarkNotificationsRead, useNotifications, type AppNotification } from '../../data/notifications.ts';
import { errorMessage } from '../../data/errors.ts';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n.tsx';
import { RelativeTime } from '../../components/relative-time.tsx';
import { useDismiss } from '../../components/use-dismiss.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';

export function describeNotification(t: Translate, n: AppNotification): string {
  const vars = {
    actor: n.actorName ?? t('notes.someone'),
    n: n.position ?? '?',
    title: n.documentTitle ?? t('notifications.aDocument'),
    project: n.projectName ?? t('notifications.aProject'),
    role: n.role ? t(`role.${n.role}` as MessageKey) : '',
    previous: n.previousRole ? t(`role.${n.previousRole}` as MessageKey) : '',
  };
  return t(`notifications.kind.${n.kind}` as MessageKey, vars);
}

function NotificationItem({ n, onOpen, onMarkRead, marking }: { n: AppNotification; onOpen: () => void; onMarkRead: () => void; marking: boolean }) {
  const t = useT();
  const textId = useId();
  return (
    <li className={n.read ? 'notification' : 'notification notification-unread'}>
      <p className="notification-text" id={textId}>
        {n.read ? null : <span className="visually-hidden">{t('notifications.unread')} </span>}
        {describeNotification(t, n)}
      </p>
      {n.excerpt ? <blockquote className="notification-excerpt">{n.excerpt}</blockquote> : null}
      <p className="notification-meta small muted">
        <RelativeTime iso={n.createdAt} /> ·{' '}
        <Link to={notificationHref(n)} onClick={onOpen}>
          {n.position !== null ? t('notifications.openParagraph', { n: n.position }) : n.documentId ? t('notifications.openDocument') : t('notifications.openProject')}
        </Link>
        {n.read ? null : (
          <>
            {' '}
            ·{' '}
            <button type="button" className="notification-mark" aria-describedby={textId} disabled={marking} onClick={onMarkRead}>
              {t('notifications.markRead')}
            </button>
          </>
        )}
      </p>
    </li>
  );
}

export function NotificationsButton({ userId }: { userId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications(userId);
  const markRead = useMarkNotificationsRead(userId);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const unread = (notifications.data ?? []).filter((n) => !n.read).length;

  // Closes on Escape and on a click elsewhere, like a menu.
  useDismiss(open, () => setOpen(false), [rootRef]);

  let body;
  if (notifications.isPending) body = <Loading />;
  else if (notifications.isError) body = <ErrorState title={t('notifications.error')} detail={errorMessage(notifications.error)} />;
  else if (notifications.data.length === 0) body = <EmptyState>{t('notifications.empty')}</EmptyState>;
  else {
    body = (
      <ul className="notification-list">
        {notifications.data.map((n) => (
          <NotificationItem
            key={n.id}
            n={n}
            onOpen={() => {
              if (!n.read) markRead.mutate([n.id]);
              setOpen(false);
            }}
            onMarkRead={() => markRead.mutate([n.id])}
            marking={markRead.isPending}
          />
        ))}
      </ul>
    );
  }

  return (
    <div className="notifications" ref={rootRef}>
      <button
        type="button"
        className="button button-quiet notifications-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('notifications.title')}
        {unread > 0 ? (
          <span className="nav-count" aria-label={t('notifications.unreadCount', { count: unread })}>
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <section id={panelId} className="notifications-panel" aria-label={t('notifications.title')}>
          <header className="notifications-head">
            <h2>{t('notifications.title')}</h2>
            <button type="button" className="button button-quiet button-small" disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate(null)}>
              {t('notifications.markAllRead')}
            </button>
          </header>
          {body}
        </section>
      ) : null}
    </div>
  );
}
