import { afterEach, describe, expect, it } from 'vitest';
import { localText, utcText } from './time';

// Node reads TZ again whenever it is assigned, so each case sets the viewer's zone.
const saved = process.env.TZ;
afterEach(() => {
  process.env.TZ = saved;
});

describe('localText: the viewer\'s time, without Intl (decision 027)', () => {
  const instant = new Date('2023-06-15T14:03:00Z');

  it('writes the local date and time with the offset from UTC, in the order of the UTC text', () => {
    process.env.TZ = 'Asia/Tokyo';
    expect(localText(instant)).toBe('2023-06-15 23:03 GMT+9');
    process.env.TZ = 'America/New_York'; // daylight saving time in June
    expect(localText(instant)).toBe('2023-06-15 10:03 GMT-4');
    expect(localText(new Date('2023-01-15T14:03:00Z'))).toBe('2023-01-15 09:03 GMT-5');
    process.env.TZ = 'Asia/Kolkata';
    expect(localText(instant)).toBe('2023-06-15 19:33 GMT+5:30');
    process.env.TZ = 'Pacific/Chatham';
    expect(localText(instant)).toBe('2023-06-16 02:48 GMT+12:45');
  });

  it('is the UTC text itself for a viewer in UTC', () => {
    process.env.TZ = 'UTC';
    expect(localText(instant)).toBe(utcText(instant));
    expect(localText(instant, 'date')).toBe(utcText(instant, 'date'));
  });

  it('gives the local day for style "date", which may differ from the UTC day', () => {
    process.env.TZ = 'Asia/Tokyo';
    expect(localText(new Date('2023-06-15T20:00:00Z'), 'date')).toBe('2023-06-16');
    process.env.TZ = 'America/Los_Angeles';
    expect(localText(new Date('2023-06-15T03:00:00Z'), 'date')).toBe('2023-06-14');
  });
});
