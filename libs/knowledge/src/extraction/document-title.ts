import { decodeEntities } from './html-to-text.js';

/**
 * The title of an article file: <title> or the first <h1> of HTML, the first `#` heading of
 * Markdown, else the first non-empty line (without Markdown marks), else the file name.
 */
export function documentTitle(fileName: string, content: string): string {
  const clean = (s: string): string =>
    decodeEntities(s.replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
  if (/\.html?$/i.test(fileName)) {
    const t = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(content) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(content);
    if (t && clean(t[1])) return clean(t[1]).slice(0, 300);
  }
  const heading = /^#\s+(.+)$/m.exec(content);
  if (heading && /\.md$/i.test(fileName)) return heading[1].trim().slice(0, 300);
  const first = content
    .split(/\r?\n/)
    .map((l) => l.replace(/^#+\s*/, '').trim())
    .find((l) => l.length > 0 && !l.startsWith('<'));
  return (first ?? fileName.replace(/\.[^.]+$/, '')).slice(0, 300);
}
