import { uuidv7 } from '../ids.ts';

/**
 * mulberry32: a tiny 32-bit PRNG. Good enough for demo data and, unlike Math.random, seedable, so every run of
 * the seed produces the same rows and ids.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks with the given relative weights (same length as `items`). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      const item = items[i];
      if (r < 0 && item !== undefined) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
    }
    return copy;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  bytes(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }

  /** A string of `count` decimal digits (leading zeros allowed). */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

/**
 * Ids for one seeded stream. The UUIDv7 time part is the row's own creation time, so ids sort the way the
 * rows were "created" (as the application would have made them); the random part comes from the PRNG.
 */
export class IdMaker {
  private readonly random: Random;

  constructor(seed: number) {
    this.random = new Random(seed);
  }

  at(createdAt: Date): string {
    return uuidv7(createdAt.getTime(), this.random.bytes(10));
  }
}

const DAY_MS = 86_400_000;

export function utc(isoDate: string): Date {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${isoDate}`);
  return date;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

/**
 * A time between `from` and `to` at office hours (07:00–18:59 UTC, to the minute). `earlyBias` in [0, 1] makes
 * early dates likelier. Only + and × on floats here (no pow, exp or log, whose last bit may differ between
 * engines), so the dates are the same on every Node version.
 */
export function between(random: Random, from: Date, to: Date, earlyBias = 0): Date {
  const span = Math.max(0, to.getTime() - from.getTime());
  const u = random.next();
  const day = new Date(from.getTime() + Math.floor((u * (1 - earlyBias) + u * u * earlyBias) * span));
  day.setUTCHours(random.int(7, 18), random.int(0, 59), 0, 0);
  if (day < from) return from;
  if (day > to) return to;
  return day;
}

export function later(a: Date, b: Date): Date {
  return a > b ? a : b;
}

export function earlier(a: Date, b: Date): Date {
  return a < b ? a : b;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
