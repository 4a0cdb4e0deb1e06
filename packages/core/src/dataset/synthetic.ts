import { createRandom, type Random } from './random';
import type { KinopoiskRow } from './records';
import {
  type Adjective,
  type Aspect,
  ASPECTS,
  AUTHORS,
  CLOSERS,
  DISAPPOINTED,
  GENRES,
  INTENSIFIERS,
  MIXED_SENTENCES,
  MOVIE_ADJECTIVES,
  MOVIE_NOUNS,
  NEGATIVE_ADJECTIVES,
  NEGATIVE_SENTENCES,
  NEUTRAL_ADJECTIVES,
  NEUTRAL_SENTENCES,
  OPENERS,
  PLEASED,
  POSITIVE_ADJECTIVES,
  POSITIVE_SENTENCES,
  SAVES,
  SCORE_PHRASES,
  TITLES,
  WHEN,
} from './synthetic-vocabulary';

/**
 * Synthetic Russian movie reviews in Kinopoisk's layout, for demos and tests. Every row is marked
 * (`part: "synthetic"`, `synthetic: true`). Reviews have an opener, several opinion sentences (with negation:
 * «совсем не захватывающий», «вовсе не скучный»), sometimes a mixed one, a closer, and in a share of them
 * a self-reported score («8 из 10») that also fills grade10, as on Kinopoisk. Label noise replaces grade3 by
 * another grade in a share of rows, so that no model can reach 100%. Same options → the same rows.
 */
export interface SyntheticOptions {
  n: number;
  seed: number;
  /** Share of rows whose grade3 does not match the text (default 0.05). */
  labelNoise?: number;
  /** Share of rows that state their score in the text (default 0.3). */
  scoreShare?: number;
  /** Shares of Good, Bad and Neutral reviews (default 0.745 / 0.13 / 0.125, Kinopoisk's). */
  classShares?: { good: number; bad: number; neutral: number };
}

export const SYNTHETIC_PART = 'synthetic';
export const SYNTHETIC_DEFAULTS = { labelNoise: 0.05, scoreShare: 0.3, classShares: { good: 0.745, bad: 0.13, neutral: 0.125 } } as const;

type Polarity = 'positive' | 'negative' | 'neutral';
const GRADE3: Record<Polarity, string> = { positive: 'Good', negative: 'Bad', neutral: 'Neutral' };

export function syntheticOptionsProblem(options: SyntheticOptions): string | null {
  if (!Number.isInteger(options.n) || options.n < 1) return `n must be a whole number of rows, at least 1 (got ${options.n})`;
  if (!Number.isInteger(options.seed) || options.seed < 0) return `seed must be a whole number, 0 or more (got ${options.seed})`;
  for (const key of ['labelNoise', 'scoreShare'] as const) {
    const value = options[key];
    if (value !== undefined && !(value >= 0 && value <= 1)) return `${key} must be between 0 and 1 (got ${value})`;
  }
  const shares = options.classShares;
  if (shares && !(shares.good >= 0 && shares.bad >= 0 && shares.neutral >= 0 && shares.good + shares.bad + shares.neutral > 0)) {
    return 'classShares must be non-negative and not all zero';
  }
  return null;
}

class ReviewWriter {
  constructor(private readonly random: Random) {}

  private aspectPair(): [Aspect, Aspect] {
    const first = this.random.pick(ASPECTS);
    let second = this.random.pick(ASPECTS);
    while (second === first) second = this.random.pick(ASPECTS);
    return [first, second];
  }

  private form(list: Adjective[], aspect: Aspect): string {
    return this.random.pick(list)[aspect.gender];
  }

  fill(template: string, movie: string, year: number): string {
    const [aspect, aspect2] = this.aspectPair();
    return template.replace(/\{(\w+)\}/g, (_, key: string) => {
      switch (key) {
        case 'Aspect':
          return aspect.nom[0]!.toUpperCase() + aspect.nom.slice(1);
        case 'aspect':
          return aspect.nom;
        case 'aspect2':
          return aspect2.nom;
        case 'aspectAcc':
          return aspect.acc;
        case 'intens':
          return this.random.pick(INTENSIFIERS);
        case 'pos':
          return this.form(POSITIVE_ADJECTIVES, aspect);
        case 'pos2':
          return this.form(POSITIVE_ADJECTIVES, aspect2);
        case 'neg':
          return this.form(NEGATIVE_ADJECTIVES, aspect);
        case 'neg2':
          return this.form(NEGATIVE_ADJECTIVES, aspect2);
        case 'neutral':
          return this.form(NEUTRAL_ADJECTIVES, aspect);
        case 'saves':
          return SAVES[aspect.gender];
        case 'pleased':
          return PLEASED[aspect.gender];
        case 'disappointed':
          return DISAPPOINTED[aspect.gender];
        case 'movie':
          return movie;
        case 'year':
          return String(year);
        case 'when':
          return this.random.pick(WHEN);
        case 'genre':
          return this.random.pick(GENRES);
        default:
          throw new Error(`unknown slot {${key}}`);
      }
    });
  }

  /** The body sentences: mostly of the review's polarity, some of the other or mixed. */
  sentences(polarity: Polarity, movie: string, year: number): string[] {
    const count = 6 + this.random.int(9);
    const own = polarity === 'positive' ? POSITIVE_SENTENCES : polarity === 'negative' ? NEGATIVE_SENTENCES : NEUTRAL_SENTENCES;
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const roll = this.random.float();
      let pool = own;
      if (roll < 0.15) pool = MIXED_SENTENCES;
      else if (roll < 0.25) pool = polarity === 'neutral' ? this.random.pick([POSITIVE_SENTENCES, NEGATIVE_SENTENCES]) : NEUTRAL_SENTENCES;
      out.push(this.fill(this.random.pick(pool), movie, year));
    }
    return out;
  }
}

function movieName(random: Random): { name: string; year: number } {
  const noun = random.pick(MOVIE_NOUNS);
  const adjective = random.pick(MOVIE_ADJECTIVES)[noun.gender];
  const year = 1995 + random.int(26);
  const sequel = random.chance(0.1) ? ` ${2 + random.int(3)}` : '';
  return { name: `${adjective} ${noun.word}${sequel}`, year };
}

function scoreFor(polarity: Polarity, random: Random): number {
  if (polarity === 'positive') return 7 + random.int(4);
  if (polarity === 'negative') return 1 + random.int(4);
  return 5 + random.int(2);
}

function pickPolarity(random: Random, shares: { good: number; bad: number; neutral: number }): Polarity {
  const roll = random.float() * (shares.good + shares.bad + shares.neutral);
  if (roll < shares.good) return 'positive';
  if (roll < shares.good + shares.bad) return 'negative';
  return 'neutral';
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The rows, one at a time (a generator: millions of rows need no memory). */
export function* generateSyntheticReviews(options: SyntheticOptions): Generator<KinopoiskRow> {
  const problem = syntheticOptionsProblem(options);
  if (problem) throw new Error(problem);
  const labelNoise = options.labelNoise ?? SYNTHETIC_DEFAULTS.labelNoise;
  const scoreShare = options.scoreShare ?? SYNTHETIC_DEFAULTS.scoreShare;
  const shares = options.classShares ?? SYNTHETIC_DEFAULTS.classShares;
  const random = createRandom(`tunelab-synthetic/v1:${options.seed}`);
  const writer = new ReviewWriter(random);
  for (let index = 0; index < options.n; index++) {
    const polarity = pickPolarity(random, shares);
    const { name, year } = movieName(random);
    const parts = [writer.fill(random.pick(OPENERS), name, year), ...writer.sentences(polarity, name, year)];
    const closer = writer.fill(random.pick(CLOSERS[polarity]), name, year);
    const paragraphs: string[] = [];
    let current: string[] = [];
    for (const sentence of parts) {
      current.push(sentence);
      if (current.length >= 2 && random.chance(0.4)) {
        paragraphs.push(current.join(' '));
        current = [];
      }
    }
    current.push(closer);
    paragraphs.push(current.join(' '));

    let grade10: string | undefined = random.chance(0.3) ? undefined : random.chance(0.15) ? '0.0' : '';
    if (random.chance(scoreShare)) {
      const score = scoreFor(polarity, random);
      paragraphs.push(random.pick(SCORE_PHRASES).replace('{n}', String(score)));
      grade10 = `${score}.0`;
    }

    let grade3 = GRADE3[polarity];
    if (random.chance(labelNoise)) grade3 = random.pick(Object.values(GRADE3).filter((grade) => grade !== grade3));

    const day = new Date(Date.UTC(2005, 0, 1) + random.int(16 * 365) * 86_400_000);
    const row: KinopoiskRow = {
      part: SYNTHETIC_PART,
      movie_name: `${name} (${year})`,
      review_id: 1_000_000 + index,
      author: `${random.pick(AUTHORS)}${random.int(10_000)}`,
      date: `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`,
      title: random.pick(TITLES[polarity]),
      grade3,
      content: paragraphs.join('\n\n'),
      synthetic: true,
    };
    if (grade10 !== undefined) row.grade10 = grade10;
    yield row;
  }
}

/** One row as one JSONL line, fields in Kinopoisk's order. */
export function syntheticReviewLine(row: KinopoiskRow): string {
  return `${JSON.stringify({
    part: row.part,
    movie_name: row.movie_name,
    review_id: row.review_id,
    author: row.author,
    date: row.date,
    title: row.title,
    grade3: row.grade3,
    ...(row.grade10 === undefined ? {} : { grade10: row.grade10 }),
    content: row.content,
    synthetic: row.synthetic,
  })}\n`;
}
