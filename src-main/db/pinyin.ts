/**
 * Pinyin keys for search as you type (PRODUCT.md §2: `bjxc` finds 北京星辰科技).
 * Stored beside each name, so they are computed once per save, not per keystroke.
 *
 * Both keys are lower case without spaces or tones; ü is written v (绿 → lv), as
 * on a pinyin keyboard. Latin letters and digits pass through, full-width ones
 * folded to half-width ("ABC科技" → abckeji / abckj); anything else (spaces,
 * punctuation, kana) is dropped, because nobody types it into a pinyin search.
 *
 * Cost, measured on the 2-core development machine (AMD EPYC, Node 22.23,
 * pinyin-pro 3.29.4, after one warm-up call): 100,000 calls on distinct random
 * 10-character company names took 0.62–0.65 s (≈ 6.5 µs each), so keying 100k
 * customers costs well under a second of CPU; the first call also pays for
 * loading pinyin-pro's dictionaries.
 */
import { pinyin } from 'pinyin-pro';

export type PinyinKeys = { full: string; initials: string };

type Mode = 'normal' | 'surname';

/** A syllable, or a Latin letter or digit passed through (one per item: nonZh is 'spaced' by default). */
const KEEP = /^[a-z0-9]+$/;

function keys(text: string, mode: Mode): PinyinKeys {
  const folded = text.normalize('NFKC').toLowerCase();
  if (folded === '') return { full: '', initials: '' };
  /*
   * One 'array' call, initials taken from its syllables (a syllable's first
   * letter is what pattern 'first' returns): 0.63 s per 100k names against
   * 1.95 s for one type 'all' call and 1.15 s for two 'array' calls. Characters
   * without a reading come back as themselves and fail KEEP, like spaces and
   * punctuation.
   */
  const items = pinyin(folded, {
    type: 'array',
    toneType: 'none',
    v: true,
    // Surname readings only at the start: with scope 'all' the given name of 王单 would read shan.
    ...(mode === 'surname' ? ({ mode: 'surname', surname: 'head' } as const) : {}),
  });
  let full = '';
  let initials = '';
  for (const item of items) {
    if (!KEEP.test(item)) continue;
    full += item;
    initials += item.charAt(0);
  }
  return { full, initials };
}

/** Keys for a company or any other text: polyphones are read in context (重庆 chongqing, 银行 yinhang). */
export function pinyinKeys(text: string): PinyinKeys {
  return keys(text, 'normal');
}

/** Keys for a person's name: the surname reading wins at the start (单 shan, 曾 zeng, 解 xie). */
export function personPinyinKeys(name: string): PinyinKeys {
  return keys(name, 'surname');
}
