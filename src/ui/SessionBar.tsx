import { useEffect, useRef, useState } from 'react';
import { downloadBlob, exportFileName, textBlob } from '../export/download';
import { LiveMarket } from '../market/live/liveMarket';
import { type StoredData, clearStored, persistSession, readStored } from '../session/persistence';
import { adoptSession, currentSession, rebuildMarket, sessionSettings, useLiveMarket } from '../session/session';
import { readSessionFile } from '../session/sessionFile';
import { parseSharedView } from '../store/urlState';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Export session / Import session, and the session kept in the browser: restored on load
 * (paused where it was), then saved as it happens. An import is read, validated and rebuilt in
 * full before anything changes; a file that fails changes nothing and the message names the
 * field. Stored data that cannot be read is kept, can be exported, and is only deleted when
 * the user chooses to start fresh.
 */
export function SessionBar() {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [damaged, setDamaged] = useState<{ message: string; data: StoredData | null } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!saving) return;
    return persistSession((text) => setMessage({ text, error: true }));
  }, [saving]);

  useEffect(() => {
    let cancelled = false;
    void readStored().then((read) => {
      if (cancelled) return;
      if (read.kind === 'unreadable') return setDamaged(read);
      if (read.kind === 'ok') {
        // A shared link's text and view (the URL) win over the stored ones; the market is restored either way.
        const { market: _settings, ...shown } = sessionSettings();
        const fromUrl = Object.keys(parseSharedView(window.location.search)).length > 0;
        try {
          adoptSession(fromUrl ? { ...read.session, ...shown } : read.session, LiveMarket.restore(read.session.simulation));
        } catch (error) {
          return setDamaged({ message: `The stored session cannot be rebuilt: ${messageOf(error)}`, data: read.data });
        }
        setMessage({ text: 'The last session was restored; the simulation is paused where it was.', error: false });
      }
      setSaving(true);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const exportStored = () => {
    downloadBlob(textBlob(JSON.stringify(damaged?.data ?? null), 'application/json'), exportFileName(['stored', 'session'], 'json'));
  };
  const startFresh = async () => {
    try {
      await clearStored();
    } catch (error) {
      return setDamaged({ message: `The stored session cannot be deleted: ${messageOf(error)}`, data: damaged?.data ?? null });
    }
    setDamaged(null);
    setSaving(true);
  };
  const exportSession = () => {
    const json = JSON.stringify(currentSession(useLiveMarket.getState().market));
    downloadBlob(textBlob(json, 'application/json'), exportFileName(['session'], 'json'));
  };
  const importSession = async (file: File) => {
    const read = readSessionFile(await file.text());
    if (!read.ok) return setMessage({ text: read.message, error: true });
    const rebuilt = rebuildMarket(read.session);
    if (!rebuilt.ok) return setMessage({ text: rebuilt.message, error: true });
    adoptSession(read.session, rebuilt.market);
    const migrated = read.migratedFrom === null ? '' : ` (written by schema version ${read.migratedFrom}, brought up to date)`;
    setMessage({ text: `Session ${file.name} imported${migrated}; the simulation is paused where it was.`, error: false });
  };
  return (
    <div className="session-bar" role="group" aria-label="Session">
      <button type="button" onClick={exportSession}>
        Export session
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Import session
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Session file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file !== undefined) void importSession(file);
        }}
      />
      {damaged !== null && (
        <div className="stored-damaged" role="alert">
          {damaged.message}. It is kept as it is until you start fresh; nothing is saved meanwhile.
          <button type="button" onClick={exportStored} disabled={damaged.data === null}>
            Export stored data
          </button>
          <button type="button" onClick={() => void startFresh()}>
            Start fresh
          </button>
        </div>
      )}
      {message !== null && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? 'field-error' : 'hint'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
