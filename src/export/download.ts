/** Saves a blob through the browser's download flow. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Text exports (SVG, JSON, CSV) as blobs with their MIME types. */
export function textBlob(text: string, type: 'image/svg+xml' | 'application/json' | 'text/csv'): Blob {
  return new Blob([text], { type: `${type};charset=utf-8` });
}

/** A file name from parts such as the model and the view: "use-lite_layer-1-head-3.png". */
export function exportFileName(parts: readonly string[], extension: string): string {
  const slug = (part: string) =>
    part
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const stem = parts.map(slug).filter(Boolean).join('_') || 'attention';
  return `${stem}.${extension}`;
}
