/**
 * @file A token's casing class (Reimers & Gurevych 2017), for the casing feature (RunConfig.casingDim): words are
 * looked up lower-cased, so this is how "Apple" and "apple" or "US" and "us" stay apart beside the char features.
 * Read from the batch's char ids through a table of each char id's class, so packed data needs nothing new.
 */

/** Casing classes; 0 is padding. */
export const CASING_CLASSES = ['<pad>', 'other', 'numeric', 'mainly_numeric', 'all_lower', 'all_upper', 'initial_upper', 'contains_digit'] as const;

/** What one character is, for casing. */
export const enum CharKind {
  Other = 0,
  Digit = 1,
  Lower = 2,
  Upper = 3,
}

export function charKind(ch: string): CharKind {
  if (/^\p{Nd}$/u.test(ch)) return CharKind.Digit;
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower === upper) return CharKind.Other;
  return ch === lower ? CharKind.Lower : CharKind.Upper;
}

/** Each char id's kind, from the char vocabulary (PAD and UNK: Other). */
export function charKinds(chars: readonly string[]): number[] {
  return chars.map((ch, i) => (i < 2 ? CharKind.Other : charKind(ch)));
}

/**
 * The class of one token from its characters' kinds, in Reimers & Gurevych's order: all digits; more than half
 * digits; all cased characters lower (at least one); all upper; first upper; any digit; other. Empty: padding.
 */
export function casingClass(kinds: ArrayLike<number>): number {
  const n = kinds.length;
  if (n === 0) return 0;
  let digits = 0;
  let lower = 0;
  let upper = 0;
  for (let i = 0; i < n; i++) {
    if (kinds[i] === CharKind.Digit) digits++;
    else if (kinds[i] === CharKind.Lower) lower++;
    else if (kinds[i] === CharKind.Upper) upper++;
  }
  if (digits === n) return 2;
  if (digits / n > 0.5) return 3;
  if (lower > 0 && upper === 0) return 4;
  if (upper > 0 && lower === 0) return 5;
  if (kinds[0] === CharKind.Upper) return 6;
  if (digits > 0) return 7;
  return 1;
}

/**
 * Casing class ids [N] of N tokens given as char ids [N, C] (0 = padding, real chars first), with `kinds` from
 * charKinds. A token cut to C chars is classed by its first C.
 */
export function casingIds(chars: Int32Array, n: number, c: number, kinds: readonly number[]): Int32Array {
  const out = new Int32Array(n);
  const buffer = new Int32Array(c);
  for (let t = 0; t < n; t++) {
    let len = 0;
    while (len < c && chars[t * c + len] > 0) {
      buffer[len] = kinds[chars[t * c + len]] ?? CharKind.Other;
      len++;
    }
    out[t] = casingClass(buffer.subarray(0, len));
  }
  return out;
}
