import { expect } from 'chai';
import { z } from 'zod';
import { caseEventInputSchema, dealerInputSchema } from '../../src/cases/case-schemas.ts';
import { firstUnsafeCharacter, safeText, withoutUnsafeCharacters } from '../../src/domain/safe-text.ts';
import { answerRequestSchema } from '../../src/knowledge/answer-schema.ts';

describe('safeText()', () => {
  const name = z.string().trim().check(safeText());
  const note = z
    .string()
    .trim()
    .check(safeText({ multiline: true }));

  const refusedEverywhere = [
    ['NUL', 'a\u0000b', 'U+0000'],
    ['BEL', 'a\u0007b', 'U+0007'],
    ['ESC (terminal escapes)', 'a\u001b[31mb', 'U+001B'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
    ['RIGHT-TO-LEFT OVERRIDE', 'Ally \u202Enigol', 'U+202E'],
    ['LEFT-TO-RIGHT EMBEDDING', 'a\u202Ab', 'U+202A'],
    ['LEFT-TO-RIGHT ISOLATE', 'a\u2066b\u2069', 'U+2066'],
    ['POP DIRECTIONAL ISOLATE', 'ab\u2069', 'U+2069'],
    ['RIGHT-TO-LEFT MARK', 'a\u200Fb', 'U+200F'],
    ['ARABIC LETTER MARK', 'a\u061Cb', 'U+061C'],
    ['a lone CR', 'a\rb', 'U+000D'],
  ] as const;
  for (const [what, text, codePoint] of refusedEverywhere) {
    it(`refuses ${what} in a name and in a note, naming ${codePoint}`, () => {
      for (const schema of [name, note]) {
        const parsed = schema.safeParse(text);
        expect(parsed.success).to.equal(false);
        expect(parsed.error?.issues[0]?.message).to.include(codePoint);
        expect(parsed.error?.issues[0]).to.deep.include({ params: { code: 'invalid_characters' } });
      }
    });
  }

  it('refuses tab and line breaks in a single-line field, keeps them in a multi-line one', () => {
    for (const text of ['a\tb', 'a\nb', 'a\r\nb']) {
      expect(name.safeParse(text).success, JSON.stringify(text)).to.equal(false);
      expect(note.safeParse(text).data, JSON.stringify(text)).to.equal(text);
    }
  });

  it('accepts ordinary names: accents, apostrophes, "&", dashes, emoji, other scripts', () => {
    for (const text of ["O'Connor & Søn — Peña's Café", 'Smith-Jones Motors, Inc.', 'Müller 🚗', 'Ирина', 'سيارات', 'Zoë ‘Quoted’']) {
      expect(name.safeParse(text).data).to.equal(text);
    }
  });

  it('counts the position in characters, after a surrogate pair too', () => {
    expect(firstUnsafeCharacter('🚗ab\u202E')).to.deep.equal({ codePoint: 'U+202E', position: 4 });
  });

  it('withoutUnsafeCharacters() drops what safeText() refuses and nothing else', () => {
    expect(withoutUnsafeCharacters('Ally \u202Enigol\u0000 café\n')).to.equal('Ally nigol café');
    expect(withoutUnsafeCharacters('line\r\none\tx\u2066', { multiline: true })).to.equal('line\r\none\tx');
  });
});

describe('free-text request fields refuse unsafe characters', () => {
  const cases = [
    ['dealer name', dealerInputSchema, { id: 'd', name: 'Ally \u202Enigol', state: 'OH', phones: ['+16145550100'] }, 'name'],
    ['event note', caseEventInputSchema, { type: 'notified', note: 'ok\u0000' }, 'note'],
    ['question', answerRequestSchema, { question: 'What is the fax?\u0000' }, 'question'],
  ] as const;
  for (const [what, schema, input, field] of cases) {
    it(`${what} → an issue on ${field}`, () => {
      const parsed = schema.safeParse(input);
      expect(parsed.success).to.equal(false);
      expect(parsed.error?.issues[0]?.path).to.deep.equal([field]);
    });
  }
});
