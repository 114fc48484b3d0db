import { describe, expect, it } from 'vitest';
import { cronProblem } from './cron';

describe('cronProblem', () => {
  it.each(['* * * * *', '*/15 * * * *', '0 3 * * 1-5', '30 2 1,15 * *', '0 0 1 jan-jun mon', '0 0 * * 7', '@daily', '@HOURLY', '5-10/2 * * * *'])('accepts %s', (expr) => {
    expect(cronProblem(expr)).toBeNull();
  });

  it.each([
    ['* * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), found 4'],
    ['60 * * * *', 'minute field: minute 60 is outside 0-59'],
    ['0 24 * * *', 'hour field: hour 24 is outside 0-23'],
    ['0 0 0 * *', 'day of month field: day of month 0 is outside 1-31'],
    ['*/0 * * * *', "minute field: step '0' must be a positive number"],
    ['0 0 * foo *', "month field: 'foo' is not a valid month"],
    ['0 10-5 * * *', "hour field: range '10-5' runs backwards"],
    ['0 0 * * 1,,2', 'empty list item in the day of week field'],
    ['@sometimes', "unknown macro '@sometimes'"],
  ])('rejects %s', (expr, problem) => {
    expect(cronProblem(expr)).toBe(problem);
  });
});
