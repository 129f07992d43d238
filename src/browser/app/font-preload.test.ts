/**
 * The font preload's words per screen (font-preload.ts): the opened screen's dictionary and the shell's, never another
 * screen's (the wall's route does not download the dispatcher's words), whatever the path's trailing slash.
 */
import { describe, expect, it } from 'vitest';
import { dispatchMessages } from '../screens/dispatch/dispatch-messages';
import { progressMessages } from '../screens/progress/progress-messages';
import { wallMessages } from '../screens/wall/wall-messages';
import { messages } from '../ui/i18n/messages';
import { screenWords } from './font-preload';

describe('screenWords', () => {
  it('gives a screen with its own words the shell’s and its own', async () => {
    expect(await screenWords('/wall')).toEqual([messages, wallMessages]);
    expect(await screenWords('/dispatch/')).toEqual([messages, dispatchMessages]);
    expect(await screenWords('/progress')).toEqual([messages, progressMessages]);
  });

  it('gives the overview, the sign-in page and unknown paths the shell’s only', async () => {
    for (const path of ['/', '', '/signin', '/admin', '/nowhere']) expect(await screenWords(path)).toEqual([messages]);
  });
});
