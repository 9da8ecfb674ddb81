/**
 * Messages are built by joining sentences, some of them another's words (a service's error text, a
 * file system's reason) that may or may not end in punctuation. Appending "." blindly gives "..";
 * leaving it off runs two sentences together. Every builder that follows such a text with another
 * sentence ends it here.
 */

/** `text` trimmed and ending as a sentence: a full stop added unless it already ends in one (or ! ? …). */
export function asSentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?…]$/.test(t) ? t : `${t}.`;
}
