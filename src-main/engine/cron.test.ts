import { describe, expect, it } from 'vitest';
import { cronProblem } from './cron';

describe('cronProblem', () => {
  it.each(['* * * * *', '*/15 * * * *', '0 3 * * 1-5', '30 2 1,15 * *', '0 0 1 jan-jun mon', '0 0 * * 7', '@daily', '@HOURLY', '5-10/2 * * * *', '0 0 L * *', '0 9 * * mon#1'])('accepts %s', (expr) => {
    expect(cronProblem(expr)).toBeNull();
  });

  it.each([
    ['* * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), found 4'],
    ['0 0 * * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), found 6'],
    ['60 * * * *', 'minute field: minute 60 is outside 0-59'],
    ['0 24 * * *', 'hour field: hour 24 is outside 0-23'],
    ['0 0 0 * *', 'day of month field: day of month 0 is outside 1-31'],
    ['*/0 * * * *', "minute field: step '0' must be a positive number"],
    ['0 0 * foo *', "month field: 'foo' is not a valid month"],
    ['0 10-5 * * *', "hour field: range '10-5' runs backwards"],
    ['0 0 * * 1,,2', 'day of week field: empty list item'],
    ['0 0 * * 8', 'day of week field: day of week 8 is outside 0-7'],
    ['0 0 1-40 * *', 'day of month field: day of month 40 is outside 1-31'],
    ['@reboot', "unknown macro '@reboot'"],
    ['@sometimes', "unknown macro '@sometimes'"],
  ])('rejects %s', (expr, problem) => {
    expect(cronProblem(expr)).toBe(problem);
  });
});
