import { expect } from 'chai';
import { loadConfig } from '../../src/config.ts';
import { ContactDirectory } from '../../src/rules/contact-directory.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';

describe('ContactDirectory', () => {
  const directory = new ContactDirectory(loadRuleSet(loadConfig({}).rulesDir).contacts);

  it('writes each entry with a way to reach it: a number, a fax, a site, or for a person what to ask them', () => {
    for (const contact of directory.entries) {
      const reach = directory.reach(contact.id);
      expect(reach, contact.id).not.to.equal(contact.name, 'the name again tells the dealer nothing');
      expect(reach, contact.id).to.match(/\d{3}-\d{3}-\d{4}|\.com|\w+ \w+/);
    }
    expect(directory.reach('accountExecutive')).to.match(/AVRM access/);
  });
});
