import { format } from 'd3';

/** Prices are whole ticks in the book; real-valued ones (p*) are shown rounded to a tick. */
export const ticks = (price: number | null): string => (price === null ? '—' : String(Math.round(price)));
export const units = format(',.0f');
/** A count of lots, singular or plural. */
export const lots = (count: number): string => (count === 1 ? '1 lot' : `${units(count)} lots`);
export const percent = (value: number | null, digits = 1): string => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);
export const number = (value: number | null, digits = 1): string => (value === null ? '—' : value.toFixed(digits));

/** Wall-clock time of day of an event, to the second. */
export const clockTime = (time: number): string => new Date(time).toLocaleTimeString([], { hour12: false });
