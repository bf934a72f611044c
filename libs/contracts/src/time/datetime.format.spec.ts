import { formatDatetime } from './datetime.format';

describe('formatDatetime', () => {
  const t = Date.UTC(2026, 2, 1, 10, 0, 0) * 1000;
  it('writes +00:00 and no fraction when microseconds are zero', () => {
    expect(formatDatetime(t, undefined)).toBe('2026-03-01T10:00:00+00:00');
  });
  it('writes 6-digit microseconds when non-zero', () => {
    expect(formatDatetime(t + 123456, 'UTC')).toBe('2026-03-01T10:00:00.123456+00:00');
    expect(formatDatetime(t + 5, 'UTC')).toBe('2026-03-01T10:00:00.000005+00:00');
  });
  it('converts to the TZ zone', () => {
    expect(formatDatetime(t, 'Asia/Shanghai')).toBe('2026-03-01T18:00:00+08:00');
    expect(formatDatetime(t, 'America/New_York')).toBe('2026-03-01T05:00:00-05:00');
  });
  it('falls back to UTC for an invalid zone', () => {
    expect(formatDatetime(t, 'Not/AZone')).toBe('2026-03-01T10:00:00+00:00');
  });
});
