/** Both languages of every message name the same {placeholders}: a translation never drops or invents a value. */
import { describe, expect, it } from 'vitest';
import { dispatchMessages } from '../../screens/dispatch/dispatch-messages';
import { outageMessages } from '../../screens/dispatch/outage-messages';
import { progressMessages } from '../../screens/progress/progress-messages';
import { wallMessages } from '../../screens/wall/wall-messages';
import { type Messages, messages, placeholdersOf } from './messages';

const DICTIONARIES: Record<string, Messages> = {
  'ui/i18n/messages.ts': messages,
  'screens/wall/wall-messages.ts': wallMessages,
  'screens/dispatch/dispatch-messages.ts': dispatchMessages,
  'screens/dispatch/outage-messages.ts': outageMessages,
  'screens/progress/progress-messages.ts': progressMessages,
};

/** Deliberate differences, each with its reason. */
const SAME_VALUE_WRITTEN_TWO_WAYS: Record<string, string> = {
  'period.monthLabel': 'one month, written 3月 in zh ({month}) and 2026-03 in en ({mm})',
};

describe('message placeholders', () => {
  it('finds each placeholder once, sorted', () => {
    expect(placeholdersOf('{b} of {a}, {b}')).toEqual(['a', 'b']);
    expect(placeholdersOf('none')).toEqual([]);
  });
  for (const [file, dict] of Object.entries(DICTIONARIES))
    it(`zh and en name the same placeholders in ${file}`, () => {
      const mismatched = Object.entries(dict)
        .filter(([id]) => !Object.hasOwn(SAME_VALUE_WRITTEN_TWO_WAYS, id))
        .filter(([, m]) => placeholdersOf(m.zh).join() !== placeholdersOf(m.en).join())
        .map(([id, m]) => `${id}: zh {${placeholdersOf(m.zh).join(',')}} en {${placeholdersOf(m.en).join(',')}}`);
      expect(mismatched).toEqual([]);
    });
});
