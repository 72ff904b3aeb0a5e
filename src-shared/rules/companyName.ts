/**
 * A key for duplicate warnings: two spellings of the same company's name give
 * the same key. PRODUCT.md §2 asks to ignore 有限公司/有限责任公司/股份/(集团),
 * spaces and full-width forms; this also ignores Latin legal forms (Co., Ltd.,
 * Inc …) and branch suffixes.
 *
 * Decisions:
 * - A branch (分公司) maps to its parent's key: an office records
 *   "星辰科技有限公司杭州分公司" as the same customer as "星辰科技有限公司" far more
 *   often than as a new one, and the key only raises a warning that a person
 *   confirms. When the branch name carries no legal form before the place
 *   ("星辰科技杭州分公司") the place cannot be told from the stem, so only
 *   "分公司" is removed.
 * - Other bracketed parts keep their content: "腾讯科技（深圳）有限公司" is a
 *   different legal entity from "腾讯科技有限公司".
 * - Punctuation (Unicode class P: "·", ".", "&", "、" …) is dropped; symbols such as "+" are kept.
 * - The key is not for display and not reversible.
 */

/** Longest first, so that 股份有限公司 is removed whole rather than leaving 股份. */
const CHINESE_FORMS = [
  '集团股份有限公司',
  '集团有限责任公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '股份公司',
  '集团公司',
  '总公司',
  '公司',
  '集团',
  '股份',
] as const;

/** A bracketed part whose whole content is one of these disappears with its brackets. */
const BRACKETED_FORMS = new Set<string>(CHINESE_FORMS);

const BRANCH = '分公司';

/*
 * Latin legal forms at the end, matched on the spaced text so that word
 * boundaries hold ("Zinc" keeps its "inc"). Applied repeatedly:
 * "ABC Company Limited" → "ABC Company" → "ABC".
 */
const LATIN_FORM_AT_END =
  /[\s,.]*\b(?:co\.?\s*,?\s*ltd|corp\.?\s*,?\s*ltd|limited|ltd|incorporated|inc|corporation|corp|company|co|llc|gmbh|plc)\.?[\s,.]*$/u;

const OPEN = '([{【〔〖「『';
const CLOSE = ')]}】〕〗」』';
const BRACKETED = new RegExp(`[${escapeClass(OPEN)}]([^${escapeClass(OPEN + CLOSE)}]*)[${escapeClass(CLOSE)}]`, 'gu');
const STRAY_BRACKET = new RegExp(`[${escapeClass(OPEN + CLOSE)}]`, 'gu');

const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/gu;

export function normalizeCompanyName(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase();
  const fallback = folded.replace(INVISIBLE, '');
  if (fallback === '') return '';

  let text = stripLatinForms(folded).replace(INVISIBLE, '');
  text = text.replace(BRACKETED, (_whole, content: string) => (isDroppableBracketContent(content) ? '' : content));
  text = text.replace(STRAY_BRACKET, '').replace(/\p{P}/gu, '');
  text = stripChineseForms(text);

  // A name made only of legal forms ("集团公司") would otherwise collide with every other such name.
  return text === '' ? fallback : text;
}

/** The same key under the name callers use when they store it in an index column. */
export const companyNameKey = normalizeCompanyName;

function stripLatinForms(text: string): string {
  let current = text.trim();
  for (;;) {
    const next = current.replace(LATIN_FORM_AT_END, '').trim();
    if (next === current || next === '') return current;
    current = next;
  }
}

function isDroppableBracketContent(content: string): boolean {
  const bare = content.replace(/\p{P}/gu, '');
  return BRACKETED_FORMS.has(bare) || bare.endsWith(BRANCH);
}

function stripChineseForms(text: string): string {
  let current = cutBranch(text);
  for (;;) {
    const form = CHINESE_FORMS.find((f) => current.endsWith(f));
    if (form === undefined) return current;
    current = cutBranch(current.slice(0, -form.length));
  }
}

/** "星辰科技有限公司杭州分公司" → "星辰科技有限公司"; "星辰科技杭州分公司" → "星辰科技杭州". */
function cutBranch(text: string): string {
  if (!text.endsWith(BRANCH)) return text;
  const body = text.slice(0, -BRANCH.length);
  // The last legal form before the branch's place name ends the parent's name.
  const parentEnd = /^(.*(?:公司|集团))/u.exec(body);
  return parentEnd?.[1] ?? body;
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\][^-]/g, '\\$&');
}
