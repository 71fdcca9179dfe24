// Who else is in the document: initials on the rows they edit, a list in the header, and a soft
// warning in a row someone else is editing (no lock: a lock held by a dead tab would strand work).
import { initialsOf, type LiveStatus, type Peer } from '../../data/live.ts';
import { useT } from '../../i18n/i18n.tsx';
import './live.css';

/** A stable colour per person, so the same initials look the same everywhere. */
function hueOf(userId: string): number {
  let h = 0;
  for (const c of userId) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

function Initials({ peer, label }: { peer: Peer; label: string }) {
  return (
    <span className="peer-initials" role="img" aria-label={label} title={label} style={{ ['--peer-hue' as string]: hueOf(peer.userId) }}>
      <span aria-hidden="true">{initialsOf(peer.name)}</span>
    </span>
  );
}

/** The people editing row `n`, shown beside its number. */
export function RowPeers({ peers, n }: { peers: readonly Peer[]; n: number }) {
  const t = useT();
  return (
    <span className="row-peers">
      {peers.map((p) => (
        <Initials key={p.key} peer={p} label={t('live.alsoInParagraph', { n, name: p.name })} />
      ))}
    </span>
  );
}

/** Shown in a row the user is editing while others are too. */
export function PeerWarning({ peers }: { peers: readonly Peer[] }) {
  const t = useT();
  const names = [...new Set(peers.map((p) => p.name))].join(', ');
  return (
    <p className="peer-warning small" role="status">
      {t('live.editing', { name: names })}
    </p>
  );
}

/** The header's list of who else is in the document, and the state of the live connection. */
export function PeopleHere({ peers, status }: { peers: readonly Peer[]; status: LiveStatus }) {
  const t = useT();
  return (
    <div className="people-here">
      {peers.length > 0 ? (
        <>
          <h2 className="people-here-title" id="people-here-title">
            {t('live.here')}
          </h2>
          <ul className="people-here-list" aria-labelledby="people-here-title">
            {peers.map((p) => {
              const label = p.position !== null ? t('live.peerAt', { name: p.name, n: p.position }) : t('live.peerIdle', { name: p.name });
              return (
                <li key={p.key}>
                  <span className="peer-initials" aria-hidden="true" style={{ ['--peer-hue' as string]: hueOf(p.userId) }}>
                    {initialsOf(p.name)}
                  </span>
                  <span className="peer-name">{label}</span>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {status === 'reconnecting' || status === 'paused' ? (
        <p className="live-status small muted" role="status">
          {t(status === 'paused' ? 'live.paused' : 'live.reconnecting')}
        </p>
      ) : null}
    </div>
  );
}
