import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogues, cliCatalogues } from '../../shared/i18n/messages.ts';
import { locales, pickLocale } from '../../shared/i18n/locales.ts';

/** The arguments and tags a message uses: a translation must use the same. */
function namesIn(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(element.value);
    if (element.type === TYPE.tag) {
      into.add(`<${element.value}>`);
      namesIn(element.children, into);
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) namesIn(option.value, into);
    }
  }
  return into;
}

// The window's words, and the command line's in a catalogue of their own.
const sets = [
  ['window', catalogues],
  ['command line', cliCatalogues],
] as const;

describe('message catalogues', () => {
  for (const [set, table] of sets) {
    for (const locale of locales) {
      it(`${set}, ${locale}: every English key, each message valid ICU with the same arguments and tags`, () => {
        const english: Record<string, string> = table.en;
        const catalogue: Record<string, string> = table[locale];
        expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
        for (const [id, message] of Object.entries(catalogue)) {
          expect(message.trim(), id).not.toBe('');
          const names = [...namesIn(parse(message))].sort();
          expect(names, id).toEqual([...namesIn(parse(english[id]!))].sort());
        }
      });
    }
  }

  it('French is written as French readers expect: no straight apostrophe, a non-breaking space before : ; ? !', () => {
    for (const [id, message] of [...Object.entries(catalogues.fr), ...Object.entries(cliCatalogues.fr)]) {
      const text = message.replace(/<\/?\w+>/g, '');
      expect(text, id).not.toMatch(/'/);
      expect(text, id).not.toMatch(/[^\u00a0\u202f][:;?!](\s|$)/);
    }
  });

  it('plurals follow each language’s rules', () => {
    const format = (locale: 'en' | 'fr', count: number) => new IntlMessageFormat(catalogues[locale]['timeline.newPosts'], locale).format({ count });
    expect(format('en', 1)).toBe('↑ 1 new post');
    expect(format('en', 0)).toBe('↑ 0 new posts');
    expect(format('fr', 0)).toBe('↑ 0 nouvelle publication'); // French counts 0 and 1 as one
    expect(format('fr', 1200)).toBe('↑ 1\u202f200 nouvelles publications');
  });
});

describe('pickLocale', () => {
  it('takes the first system language Braid speaks, else English', () => {
    expect(pickLocale(['de-DE', 'fr-CA', 'en-US'])).toBe('fr');
    expect(pickLocale(['en-GB', 'fr'])).toBe('en');
    expect(pickLocale(['ja'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
