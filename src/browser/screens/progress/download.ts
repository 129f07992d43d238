/** Saving what the report exports (CSV text, PNG data URLs) as a file, through a temporary link. */

export function saveHref(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function saveCsv(text: string, fileName: string): void {
  // BOM: spreadsheet programs open UTF-8 with Chinese notes correctly only with it.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  saveHref(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
