/**
 * How many SMS segments a text takes. A text in the GSM 03.38 alphabet is sent 7 bits a character
 * (its extension characters, like `€` and `{`, take two): 160 in one segment, 153 in each of
 * several. Any other character makes the whole text UCS-2: 70 UTF-16 units in one segment, 67 in
 * each of several.
 */

const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('^{}\\[~]|€\f');

/**
 * @example
 * smsSegmentCount('hello'); // 1
 * smsSegmentCount('é'.repeat(161)); // 2 (GSM-7)
 * smsSegmentCount('👋'.repeat(36)); // 2 (UCS-2: 72 UTF-16 units)
 */
export function smsSegmentCount(text: string): number {
  let septets = 0;
  for (const character of text) {
    if (gsmBasic.has(character)) septets += 1;
    else if (gsmExtension.has(character)) septets += 2;
    else return segments(text.length, 70, 67);
  }
  return segments(septets, 160, 153);
}

function segments(units: number, single: number, each: number): number {
  if (units === 0) return 1;
  return units <= single ? 1 : Math.ceil(units / each);
}
