/** Every alarm rule the engine can raise has its words on the dispatcher's screen, in both languages. */
import { describe, expect, it } from 'vitest';
import { ALARM_RULES } from '../../../core/domain/alarms/types';
import { RULE_LABEL } from './dispatch-labels';
import { dispatchMessages } from './dispatch-messages';

describe('alarm rule labels', () => {
  it.each(ALARM_RULES)('%s has a Chinese and an English label', (rule) => {
    const id = (RULE_LABEL as Record<string, keyof typeof dispatchMessages | undefined>)[rule];
    expect(id, `RULE_LABEL has no entry for "${rule}"`).toBeDefined();
    const words = dispatchMessages[id as keyof typeof dispatchMessages];
    expect(words.zh.trim()).not.toBe('');
    expect(words.en.trim()).not.toBe('');
  });
});
