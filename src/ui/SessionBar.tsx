import { useRef, useState } from 'react';
import { downloadBlob, exportFileName, textBlob } from '../export/download';
import { adoptSession, currentSession, rebuildMarket, useLiveMarket } from '../session/session';
import { readSessionFile } from '../session/sessionFile';

/**
 * Export session / Import session. An import is read, validated and rebuilt in full before
 * anything changes; a file that fails changes nothing and the message names the field.
 */
export function SessionBar() {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
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
      {message !== null && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? 'field-error' : 'hint'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
