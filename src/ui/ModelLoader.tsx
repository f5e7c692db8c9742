import { useEffect, useState, type FormEvent } from 'react';
import { MAX_USER_MODEL_BYTES, type PickedFile } from '../model/userModel';
import { useModelLibrary, type ModelController } from '../store/modelController';

/** Files from a file or folder picker, with their paths inside the picked folder. */
function pickedFiles(list: FileList | null): PickedFile[] {
  return Array.from(list ?? [], (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

async function entryFiles(entry: FileSystemEntry): Promise<PickedFile[]> {
  const path = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ path, file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries hands out a directory's entries in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map(entryFiles))).flat();
}

/** Dropped files, with the files inside dropped folders. */
async function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(transfer.items, (item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return pickedFiles(transfer.files);
  return (await Promise.all(entries.map(entryFiles))).flat();
}

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Bring your own model: ONNX files from a picker or dropped anywhere on the page, or a model
 * folder URL. The model loads beside the current one, which stays in use if the new one fails.
 */
export function ModelLoader({ controller }: { controller: ModelController }) {
  const error = useModelLibrary((s) => s.userModelError);
  const [url, setUrl] = useState('');
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    // Counting enters and leaves, because they fire for every element the pointer crosses.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      if (!event.dataTransfer || !hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      void droppedFiles(event.dataTransfer).then((files) => controller.loadFiles(files));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [controller]);

  const submitUrl = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim() !== '') controller.loadUrl(url);
  };

  return (
    <div className="model-loader" role="group" aria-label="Bring your own model">
      <label className="file-button">
        Open model files…
        <input
          type="file"
          className="sr-only"
          aria-label="Open model files"
          multiple
          accept=".onnx,.json,.txt"
          onChange={(e) => {
            controller.loadFiles(pickedFiles(e.target.files));
            e.target.value = '';
          }}
        />
      </label>
      <label className="file-button">
        Open model folder…
        <input
          type="file"
          className="sr-only"
          aria-label="Open model folder"
          // A folder picker: React passes the attribute through as it is.
          {...{ webkitdirectory: '' }}
          onChange={(e) => {
            controller.loadFiles(pickedFiles(e.target.files));
            e.target.value = '';
          }}
        />
      </label>
      <form className="url-form" onSubmit={submitUrl}>
        <input
          type="url"
          aria-label="Model folder URL"
          placeholder="https://huggingface.co/owner/model"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="submit" disabled={url.trim() === ''}>
          Load URL
        </button>
      </form>
      <span className="hint">
        ONNX up to {MAX_USER_MODEL_BYTES / 2 ** 20} MiB with tokenizer.json or vocab.txt; files stay on this device.
      </span>
      {error && (
        <div className="error" role="alert" aria-label="Model load error">
          {error}
          <button type="button" onClick={() => useModelLibrary.setState({ userModelError: null })}>
            Dismiss
          </button>
        </div>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop model.onnx and tokenizer.json (or their folder) to load them
        </div>
      )}
    </div>
  );
}
