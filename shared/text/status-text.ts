/**
 * A status's HTML as plain text, for the command line: read with a real HTML parser
 * (htmlparser2, as the link cards use), so a raw `<` a server left unescaped stays text; entities
 * decoded, paragraphs as blank lines, <br> as a line break. Link texts come whole (Mastodon's
 * "invisible" parts of a long URL included): in a terminal, the full address is the useful one.
 */
import { Parser } from 'htmlparser2';

const breaksBefore: Record<string, string> = { p: '\n\n', li: '\n', blockquote: '\n\n', pre: '\n\n', br: '\n' };
const dropped = new Set(['script', 'style', 'template', 'title', 'head']);

export function textOfStatusHtml(html: string): string {
  let text = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (dropped.has(name)) skipping += 1;
        else if (skipping === 0 && breaksBefore[name]) text += breaksBefore[name];
      },
      onclosetag(name) {
        if (dropped.has(name)) skipping = Math.max(0, skipping - 1);
      },
      ontext(chunk) {
        if (skipping === 0) text += chunk;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
