import { useMarketStore } from '../../store/marketStore';
import { clockTime } from './format';

/** Why orders went away: delistings after a re-run, IOC remainders, self-trade prevention. */
export function MarketNotices() {
  const notices = useMarketStore((s) => s.snapshot?.notices) ?? [];
  return (
    <section className="market-box" aria-label="Market notices">
      <h3>Notices</h3>
      {notices.length === 0 ? (
        <p className="hint">Nothing to report.</p>
      ) : (
        <ul className="notices" role="log">
          {notices.map((notice) => (
            <li key={`${notice.seq}-${notice.text}`}>
              <time>{clockTime(notice.time)}</time> {notice.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
