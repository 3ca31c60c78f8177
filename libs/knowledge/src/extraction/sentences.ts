/** One sentence of an article with its position in the cleaned text (so quotes are exact substrings). */
export interface Sentence {
  text: string;
  start: number;
  /** Index of the paragraph (line) it belongs to. */
  paragraph: number;
}

/**
 * Splits on 。；！？ (and their ASCII forms) and on newlines. Quotes keep their closing mark
 * (…。” stays one sentence). Sentences are trimmed; empty ones are dropped.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let start = 0;
  const push = (end: number): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body.length > 0) out.push({ text: body, start: start + lead, paragraph });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      push(i);
      start = i + 1;
      paragraph++;
    } else if ('。；！？;!?'.includes(c)) {
      let end = i + 1;
      while (end < text.length && '”’」』）)"'.includes(text[end])) end++;
      push(end);
      i = end - 1;
    }
  }
  push(text.length);
  return out;
}

/** A clause (part of a sentence between commas/colons) with its offset inside the sentence. */
export interface Clause {
  text: string;
  start: number;
  end: number;
}

/** Splits a sentence on ，,：: — keeping offsets so a run of clauses is an exact substring. */
export function splitClauses(sentence: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  for (let i = 0; i <= sentence.length; i++) {
    if (i === sentence.length || '，,：:'.includes(sentence[i])) {
      if (i > start) out.push({ text: sentence.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  return out;
}
