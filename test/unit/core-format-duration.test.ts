// Build and step durations as the UI prints them ("finished after 4m1s").
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/core/format.js';

describe('formatDuration', () => {
  it('prints milliseconds, tenths of seconds, then minutes and whole seconds', () => {
    expect(formatDuration(348)).toBe('348ms');
    expect(formatDuration(2_640)).toBe('2.6s');
    expect(formatDuration(241_700)).toBe('4m2s');
    expect(formatDuration(240_000)).toBe('4m');
  });

  it('carries a rounded-up 60th second into the minutes', () => {
    expect(formatDuration(359_600)).toBe('6m');
    expect(formatDuration(119_700)).toBe('2m');
    expect(formatDuration(3_599_600)).toBe('1h0m');
  });
});
