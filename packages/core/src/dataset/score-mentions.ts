/**
 * Self-reported scores in review texts: «9 из 10», «10/10», «оценка: 8», «Итог: 7 из 10», «(8/10)»,
 * «9 баллов из 10», «десять из десяти». Kinopoisk's grade10 was parsed from exactly these phrases, so a model
 * that sees them can read the label off the text. `strip-score-mentions` removes them; the quality report
 * counts how many texts contain one.
 *
 * Not a score: «3 из 10 фильмов», «в 9 из 10 случаев», «один из 10 лучших», «10/10/2010», «24/10».
 * A mention must be followed by the end of the text or line, punctuation, or a short function word
 * («и», «но», «за»…); a following noun means the phrase counts things rather than scores a film.
 */

/** Up to three spaces or tabs between words: bounded, so a mention spans a bounded distance (see LOOKBACK). */
const WS = String.raw`[ \t]{0,3}`;
const WS1 = String.raw`[ \t]{1,3}`;
const NUMBER = String.raw`(?:10|[0-9])(?:[.,][0-9]{1,2})?`;
const NUMBER_WORD = 'ноль|один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять';
const NUMERATOR = String.raw`(?:(?<![\p{N}]|[\p{N}][.,])${NUMBER}|(?<![\p{L}])(?:${NUMBER_WORD}))`;
const UNIT = String.raw`(?:${WS}(?:балл(?:ов|а)?|звёзд|звезд|звёзды|звезды))?`;
const OUT_OF_TEN = String.raw`(?:${WS}из${WS1}(?:10(?:-?ти)?|десяти)|${WS}\/${WS}10)(?![\p{N}]|[.,\/][\p{N}])`;
const RATER = String.raw`(?:(?:мо[яй]|итогов(?:ая|ый)|общая|финальная)${WS1})?`;
const PREFIX = String.raw`(?:${RATER}(?:оценка|вердикт|итог|рейтинг)(?:${WS1}фильм[ау])?${WS}[:\-–—]?${WS}|(?:по)?ставлю${WS1}|ставим${WS1})`;
const RATING_PREFIX = String.raw`${RATER}оценка(?:${WS1}фильм[ау])?${WS}[:\-–—]?${WS}`;
/** Words that may follow a score without turning it into a count: «9 из 10 и ни баллом меньше». */
const FOLLOWERS = 'и|а|но|или|за|это|ведь|да|же|ну|не|от|без|с|со|в|во|на|только|лишь|точно|однозначно|заслуженно|честно|так|—';
const END = String.raw`(?=[ \t]*(?:$|[\r\n]|[^\p{L}\p{N}\s]|(?:${FOLLOWERS})(?![\p{L}\p{N}])))`;

/** «[prefix] N [баллов] из 10 [баллов]» or «N/10», or «оценка: N» on its own. */
const SOURCE = String.raw`(?<![\p{L}])(?:${PREFIX})?${NUMERATOR}${UNIT}${OUT_OF_TEN}${UNIT}${END}|(?<![\p{L}])${RATING_PREFIX}(?<![\p{N}])${NUMBER}${UNIT}(?![\p{N}]|[.,\/][\p{N}])${END}`;

/** The whole pattern, for documentation and for checking the anchored search against a plain global one. */
export const SCORE_MENTION_PATTERN = SOURCE;

/** Tried at one position at a time (sticky), so only the neighbourhood of an anchor is ever searched. */
const AT = new RegExp(SOURCE, 'iuy');
/** Every mention contains one of these, at most LOOKBACK characters after the mention starts. */
const ANCHORS = /10|десят|оценк/giu;
const LOOKBACK = 64;

/** Most texts hold no anchor at all; `includes` rules them out fastest. */
function mayMention(text: string): boolean {
  return text.includes('10') || /оценк|десят/iu.test(text);
}

const isCyrillic = (code: number) => code >= 0x400 && code <= 0x4ff;
const isBasicLetter = (code: number) => isCyrillic(code) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);

/** A mention starts with a digit or a Cyrillic letter that begins a word: skip every other position cheaply. */
function mayStartAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code >= 0x30 && code <= 0x39) return true;
  return isCyrillic(code) && (index === 0 || !isBasicLetter(text.charCodeAt(index - 1)));
}

/**
 * The mentions as [start, end) ranges, leftmost first and never overlapping — what a global search with the
 * same pattern would give — found by trying the pattern only at the positions up to LOOKBACK before each anchor.
 */
function mentionRanges(text: string, first = false): [number, number][] {
  const ranges: [number, number][] = [];
  if (!mayMention(text)) return ranges;
  let tried = 0;
  ANCHORS.lastIndex = 0;
  for (let anchor = ANCHORS.exec(text); anchor !== null; anchor = ANCHORS.exec(text)) {
    for (let start = Math.max(tried, anchor.index - LOOKBACK); start <= anchor.index; start++) {
      if (!mayStartAt(text, start)) continue;
      AT.lastIndex = start;
      const match = AT.exec(text);
      if (match === null) continue;
      ranges.push([start, start + match[0].length]);
      if (first) return ranges;
      start += Math.max(0, match[0].length - 1);
    }
    tried = Math.max(tried, anchor.index + 1, ranges.at(-1)?.[1] ?? 0);
    if (ANCHORS.lastIndex < tried) ANCHORS.lastIndex = tried;
  }
  return ranges;
}

export function hasScoreMention(text: string): boolean {
  return mentionRanges(text, true).length > 0;
}

/** The mentions in a text, as they appear (for reports and tests). */
export function findScoreMentions(text: string): string[] {
  return mentionRanges(text).map(([start, end]) => text.slice(start, end));
}

const SPACES = /[ \t]+$/;
const SENTENCE_END = '.!?…';
const JOINERS = ',—–-';

function isBreak(char: string | undefined): boolean {
  return char === undefined || char === '\n' || char === '\r';
}

/**
 * Removes score mentions and tidies what is left around each one: no double spaces, no «()» and no
 * orphaned punctuation («Отличный фильм, 9 из 10.» → «Отличный фильм.»). The rest of the text is untouched.
 */
export function stripScoreMentions(text: string): string {
  const ranges = mentionRanges(text);
  if (ranges.length === 0) return text;
  let out = '';
  let last = 0;
  for (const [start, stop] of ranges) {
    if (start < last) continue;
    out = (out + text.slice(last, start)).replace(SPACES, '');
    let next = stop;
    while (text[next] === ' ' || text[next] === '\t') next++;
    // «(9/10)» and «[10/10]»: drop the brackets with the mention.
    const open = out.at(-1);
    if ((open === '(' && text[next] === ')') || (open === '[' && text[next] === ']')) {
      out = out.slice(0, -1).replace(SPACES, '');
      next++;
      while (text[next] === ' ' || text[next] === '\t') next++;
    }
    const before = out.at(-1);
    const after = text[next];
    if (after !== undefined && SENTENCE_END.includes(after)) {
      if (isBreak(before) || SENTENCE_END.includes(before!) || ':;'.includes(before!)) {
        while (text[next] !== undefined && SENTENCE_END.includes(text[next]!)) next++;
        while (text[next] === ' ' || text[next] === '\t') next++;
      } else if (JOINERS.includes(before!)) {
        out = out.slice(0, -1).replace(SPACES, '');
      }
    } else if (after !== undefined && ',;:'.includes(after)) {
      if (isBreak(before) || `${SENTENCE_END},;:(`.includes(before!)) {
        next++;
        while (text[next] === ' ' || text[next] === '\t') next++;
      } else if (JOINERS.includes(before!)) {
        out = out.slice(0, -1).replace(SPACES, '');
      }
    }
    const following = text[next];
    const end = out.at(-1);
    if (out !== '' && !isBreak(end) && end !== '(' && end !== '[' && !isBreak(following) && !`${SENTENCE_END},;:)]`.includes(following!)) out += ' ';
    last = next;
  }
  return out + text.slice(last);
}
