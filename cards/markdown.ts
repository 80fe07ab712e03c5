/**
 * Officer-typed text (names, partners, objectives, comments, risks) as card
 * and message markdown that shows exactly what was typed: nothing in it can
 * become a link, an image, emphasis, a heading, a list or a mention. Every
 * card builder and every text reply that carries such text passes it through
 * `plain`. Brackets, asterisks, underscores, tildes, backticks, angle
 * brackets and hashes are escaped, and so is a list marker at a line's start;
 * parentheses and full stops are left alone, since without "[" no link forms.
 */
export function plain(text: string): string {
  return text
    .replace(/[\\`*_~[\]<>#]/g, '\\$&')
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** `plain` for a value that may be absent. */
export function plainOrUndefined(text: string | undefined): string | undefined {
  return text === undefined ? undefined : plain(text);
}
