// labels.js — every word the widget shows or announces, in one table per language, so that a translation is one
// object here. The popup speaks the language of the selection (an Arabic selection gets Arabic labels and a
// right-to-left panel); English otherwise. Counts go through functions because languages put numbers in different
// places, and Arabic plural agreement is avoided by the "number of ..." construction.

/**
 * @typedef {{ lang: string, dir: 'ltr' | 'rtl', locale: string,
 *   brand: string, close: string, claims(n: number): string, foot: string, region: string,
 *   asserts: string, disputes: string, contested(yes: number, no: number): string, found: string,
 *   agree(n: number): string, disagree(n: number): string, context(n: number): string,
 *   group: { corroborates: string, conflicts: string, context: string },
 *   withYou: string, otherwise: string, show(n: number): string, showAccounts: string, hideAccounts: string,
 *   more(n: number, what: 'accounts' | 'claims'): string, unnamed: string, via: string, thisArticle: string, yourSelection: string,
 *   readSource: string, readInContext: string, original: string,
 *   live(n: number, focus: boolean): string, noClaim: string, loading: string, selectFirst: string, noneFound: string,
 *   legendTitle: string, legendSettled: string, legendDisputed: string, legendHow: string, dismiss: string }} Labels
 */

const n = (/** @type {number} */ v, /** @type {string} */ locale) => v.toLocaleString(locale);

/** @type {Labels} */
export const EN = {
  lang: 'en', dir: 'ltr', locale: 'en',
  brand: 'crosscheck',
  close: 'Close',
  claims: (k) => `${n(k, 'en')} claims`,
  foot: 'Accounts are quoted verbatim from their sources; crosscheck shows who says what, not who is right.',
  region: 'Claims and accounts',
  asserts: 'Your selection agrees with this claim',
  disputes: 'Your selection disputes this claim',
  contested: (yes, no) => `Contested claim: ${n(yes, 'en')} independent ${yes === 1 ? 'source agrees' : 'sources agree'}, ${n(no, 'en')} ${no === 1 ? 'disagrees' : 'disagree'}`,
  found: 'Claim found',
  agree: (k) => `${n(k, 'en')} ${k === 1 ? 'supports' : 'support'}`,
  disagree: (k) => `${n(k, 'en')} ${k === 1 ? 'disputes' : 'dispute'}`,
  context: (k) => `${n(k, 'en')} context`,
  group: { corroborates: 'Support the claim', conflicts: 'Dispute the claim', context: 'Context' },
  withYou: 'on your side',
  otherwise: 'says otherwise',
  show: (k) => `${n(k, 'en')} more`,
  showAccounts: 'Show the accounts',
  hideAccounts: 'Hide the accounts',
  more: (k, what) => `${n(k, 'en')} more ${what}`,
  unnamed: 'Unnamed',
  via: 'via',
  thisArticle: 'this article',
  yourSelection: 'your selection',
  readSource: 'Read the source',
  readInContext: 'Read in context',
  original: 'Original',
  live: (k, focus) => `${k === 1 ? '1 claim' : `${n(k, 'en')} claims`} found.${focus ? '' : ' Press Alt+Shift+C to read.'}`,
  noClaim: 'No known claim here',
  loading: 'crosscheck is still loading.',
  selectFirst: 'Select some text first, then press Alt+Shift+C.',
  noneFound: 'No claims found in the selection.',
  legendTitle: 'crosscheck marks',
  legendSettled: 'a known claim',
  legendDisputed: 'a disputed claim',
  legendHow: 'Click a mark to see who says what.',
  dismiss: 'Dismiss',
};

/** @type {Labels} */
export const AR = {
  lang: 'ar', dir: 'rtl', locale: 'ar',
  brand: 'crosscheck',
  close: 'إغلاق',
  claims: (k) => `عدد الادعاءات: ${n(k, 'ar')}`,
  foot: 'الروايات مقتبسة حرفيًا من مصادرها؛ يبيّن crosscheck من يقول ماذا، لا من المحقّ.',
  region: 'الادعاءات والروايات',
  asserts: 'النص الذي حدّدته يؤيد هذا الادعاء',
  disputes: 'النص الذي حدّدته يعارض هذا الادعاء',
  contested: (yes, no) => `ادعاء خلافي: عدد المصادر المستقلة المؤيدة ${n(yes, 'ar')}، والمعارضة ${n(no, 'ar')}`,
  found: 'ادعاء معروف',
  agree: (k) => `مؤيدة: ${n(k, 'ar')}`,
  disagree: (k) => `معارضة: ${n(k, 'ar')}`,
  context: (k) => `سياق: ${n(k, 'ar')}`,
  group: { corroborates: 'تؤيد الادعاء', conflicts: 'تعارض الادعاء', context: 'سياق' },
  withYou: 'توافق ما حدّدته',
  otherwise: 'تقول خلاف ذلك',
  show: (k) => `عرض ${n(k, 'ar')} أخرى`,
  showAccounts: 'عرض الروايات',
  hideAccounts: 'إخفاء الروايات',
  more: (k, what) => `عرض ${n(k, 'ar')} ${what === 'claims' ? 'ادعاءات' : 'روايات'} أخرى`,
  unnamed: 'غير مسمّى',
  via: 'عبر',
  thisArticle: 'هذا المقال',
  yourSelection: 'النص الذي حدّدته',
  readSource: 'قراءة المصدر',
  readInContext: 'القراءة في السياق',
  original: 'الأصل',
  live: (k, focus) => `عدد الادعاءات التي عُثر عليها: ${n(k, 'ar')}.${focus ? '' : ' اضغط Alt+Shift+C للقراءة.'}`,
  noClaim: 'لا يوجد ادعاء معروف هنا',
  loading: 'لم يكتمل تحميل crosscheck بعد.',
  selectFirst: 'حدّد نصًا أولًا، ثم اضغط Alt+Shift+C.',
  noneFound: 'لم يُعثر على ادعاءات في النص المحدّد.',
  legendTitle: 'علامات crosscheck',
  legendSettled: 'ادعاء معروف',
  legendDisputed: 'ادعاء متنازع عليه',
  legendHow: 'انقر على علامة لترى من يقول ماذا.',
  dismiss: 'إغلاق',
};

/**
 * The labels for a text: Arabic when most of its letters are Arabic, English otherwise.
 * @param {string | null | undefined} text
 * @returns {Labels}
 */
export function labelsFor(text) {
  const s = typeof text === 'string' ? text.slice(0, 2000) : '';
  const arabic = (s.match(/[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/g) ?? []).length;
  const latin = (s.match(/[A-Za-z\u00c0-\u024f]/g) ?? []).length;
  return arabic > 0 && arabic >= latin ? AR : EN;
}

/** The labels for a language tag (the page's `lang`): Arabic for `ar` and its regional tags, else English. @param {string} tag */
export const labelsForLang = (tag) => (/^ar\b/i.test(tag || '') ? AR : EN);
