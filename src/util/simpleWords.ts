/** Lower case, letters and digits only, single spaces: "Place & Environment" and "place and environment" compare equal. */
export function simpleWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
