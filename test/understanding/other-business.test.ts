import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { foreignDomainPhrases, otherBusinessPhrases, phrasePattern } from '../../src/understanding/other-business.ts';
import { interpretMessage } from '../../src/understanding/index.ts';

/** The process's own words, title and text of every section (what a question about the return is written in). */
const processWords = (
  JSON.parse(readFileSync(new URL('../../rules/process-sections.json', import.meta.url), 'utf8')) as { sections: { title: string; text: string }[] }
).sections
  .map((section) => `${section.title}. ${section.text}`)
  .join(' ')
  .toLowerCase();

describe('other-business phrases (data)', () => {
  for (const [name, groups] of Object.entries({ foreignDomainPhrases, otherBusinessPhrases })) {
    it(`${name}: no phrase occurs in the process text, so no question in the process's own words is turned away`, () => {
      const found = [...processWords.matchAll(new RegExp(phrasePattern(groups).source, 'g'))].map((match) => match[0]);
      expect(found).to.deep.equal([]);
    });

    it(`${name}: every group has phrases, and each is matched as whole words only`, () => {
      for (const [group, phrases] of Object.entries(groups)) expect(phrases, group).to.not.be.empty;
      const pattern = phrasePattern(groups);
      // ("dor", the Department of Revenue, inside "vendor"; "pto" inside "symptom".)
      expect(pattern.test('the vendor said the symptom went away')).to.equal(false);
    });
  }

  it("a question in another business's words is out of scope; the same words set aside are not", () => {
    const read = (text: string) => interpretMessage(text, { today: '2026-12-01', channel: 'chat' });
    expect(read('can you tell me what the money factor is on a new lease?').want).to.equal('outOfScope');
    expect(read('our toner is out again, who fixes the copier').want).to.equal('outOfScope');
    expect(read("this isn't a lease extension, she's turning it in early. who do we notify?").want).to.equal('question');
  });
});
