import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../../core/contract/validate';
import { langFromSearch } from '../../../core/lang';
import { defineMessages, messages, scopeMessageId, t, translate } from './messages';

describe('langFromSearch', () => {
  it('reads ?lang=en and defaults to zh', () => {
    for (const search of ['?lang=en', '?x=1&lang=EN']) expect(langFromSearch(search), search).toBe('en');
    for (const search of ['?lang=zh', '?lang=fr', '']) expect(langFromSearch(search), search).toBe('zh');
  });
});

describe('t', () => {
  it('gives the shell words in both languages', () => {
    expect(t('zh', 'app.title')).toBe('川渝高竹新区能源大数据监测平台');
    expect(t('en', 'app.title')).toBe('Gaozhu New Area Energy Big-Data Monitor');
    expect(t('zh', 'connection.reconnecting')).toBe('重连中');
    expect(t('en', 'co2AvoidedToday')).toBe('CO₂ avoided today');
    expect(t('zh', scopeMessageId('cq'))).toBe('重庆');
    expect(t('en', scopeMessageId('area'))).toBe('Whole area');
  });

  it('has words for every reject reason of the contract', () => {
    for (const r of REJECT_REASONS) {
      expect(messages[`reject.${r}`].zh.length).toBeGreaterThan(0);
      expect(messages[`reject.${r}`].en.length).toBeGreaterThan(0);
    }
  });

  it('has no empty text', () => {
    for (const [id, m] of Object.entries(messages)) {
      expect(m.zh.trim(), id).not.toBe('');
      expect(m.en.trim(), id).not.toBe('');
    }
  });
});

describe('translate', () => {
  const featureWords = defineMessages({
    'feeders.heavyCount': { zh: '{n} 条线路重载', en: '{n} feeders heavily loaded' },
  });
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(translate(featureWords, 'zh', 'feeders.heavyCount', { n: 3 })).toBe('3 条线路重载');
    expect(translate(featureWords, 'en', 'feeders.heavyCount', {})).toBe('{n} feeders heavily loaded');
  });
  it('shows the id for an id that only exists at runtime', () => {
    expect(translate(featureWords, 'en', 'nope' as 'feeders.heavyCount')).toBe('nope');
  });
});
