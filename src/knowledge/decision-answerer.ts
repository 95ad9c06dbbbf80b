import type { DecisionRequest } from '../domain/decision-request.ts';
import type { Decision } from '../domain/decision.ts';
import { stateName } from '../domain/us-states.ts';
import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { RuleDefinition } from '../rules/rule-set-schema.ts';
import type { Citation, Ruling } from './answer-schema.ts';
import { CitationBuilder } from './citations.ts';
import { messages } from './messages.ts';
import { asksConsequence, type AskKind, type DecisionTopic } from './question-kind.ts';
import type { Retriever } from './retriever.ts';
import { asksHowToReadyForInspection, farFromCity } from './vocabulary.ts';

export interface DecisionAnswer {
  readonly text: string;
  readonly citations: Citation[];
}

export interface DecisionAnswererDeps {
  readonly rules: readonly RuleDefinition[];
  readonly directory: ContactDirectory;
  readonly retriever: Retriever;
}

/**
 * States the one part of a rule decision a question is about (release at pickup, inspection in a
 * state, where to fax, the remarketing hold, ET or NM), citing the section the deciding rule rests on.
 * The rest of the decision is returned alongside, untouched, for callers that want it.
 */
export class DecisionAnswerer {
  private readonly rulesByName: ReadonlyMap<string, RuleDefinition>;

  constructor(private readonly deps: DecisionAnswererDeps) {
    this.rulesByName = new Map(deps.rules.map((rule) => [rule.name, rule]));
  }

  /** The part of `decision` that answers `topic`, with the trace entries of the rules that decided it. */
  rulingOf(topic: DecisionTopic, decision: Decision): Ruling {
    const trace = decision.trace.filter((entry) => this.rulesByName.get(entry.rule)?.event.type === topic);
    const ruling: Ruling = { topic, trace };
    switch (topic) {
      case 'pickup':
        if (decision.pickup) ruling.pickup = decision.pickup;
        break;
      case 'inspection':
        ruling.inspection = decision.inspection;
        break;
      case 'notification':
        ruling.notification = decision.notification;
        break;
      case 'termination':
        ruling.termination = decision.termination;
        break;
      case 'remarketing':
        ruling.remarketing = decision.remarketing;
        break;
      case 'quote':
        ruling.quote = decision.quote;
        break;
    }
    return ruling;
  }

  answer(topic: DecisionTopic, decision: Decision, request: DecisionRequest, ask: AskKind, question = ''): DecisionAnswer {
    const deciding = decision.trace.map((entry) => this.rulesByName.get(entry.rule)).find((rule): rule is RuleDefinition => rule?.event.type === topic);
    const source = deciding?.source ?? '';
    const citer = new CitationBuilder(this.deps.retriever);
    const lines: string[] = [];
    const contactLine = (): void => {
      const contactId = deciding?.event.params.contacts?.[0];
      const contact = contactId === undefined ? undefined : this.deps.directory.get(contactId);
      if (contact) lines.push(messages.decision.questions(contact.name, this.deps.directory.reach(contact.id)));
    };

    switch (topic) {
      case 'inspection': {
        const label = `${stateName(request.state)} (${request.state})`;
        if (decision.inspection.available) {
          const window = citer.find(source, /\bdays\b/);
          lines.push(messages.decision.inspectionOffered(label));
          if (window) lines.push(window.text);
          citer.add(window);
          // Far from a city, or an inspector later than the window: the process's own caveat goes with it.
          const caveat = farFromCity.test(question) ? citer.find(source, /non-metropolitan/i) : undefined;
          if (caveat && caveat !== window) {
            lines.push(caveat.text);
            citer.add(caveat);
          }
          // "Is South Carolina one of the states without inspections?": the states that have none, as the process lists them.
          // (The sentence is the source of the rule for the states without inspections.)
          const withoutSource = [...this.rulesByName.values()].find(
            (rule) => rule.event.type === 'inspection' && (rule.event.params as { inspectionAvailable?: boolean } | undefined)?.inspectionAvailable === false,
          )?.source;
          const states = /\bstates?\b/.test(question) && withoutSource ? citer.find(withoutSource, /AK, HI,? and SD/) : undefined;
          if (states && !lines.includes(states.text)) {
            lines.push(states.text);
            citer.add(states);
          }
          // "Anything we ought to do before the inspector comes?": the process asks that the car be accessible.
          const access = asksHowToReadyForInspection(question) ? citer.find(source, /accessible/i) : undefined;
          if (access && access !== window) {
            lines.push(access.text);
            citer.add(access);
          }
        } else {
          lines.push(messages.decision.inspectionNotOffered(label));
          contactLine();
          citer.add(...this.deps.retriever.passagesOf(source).filter((passage) => passage.kind === 'text'));
        }
        break;
      }
      case 'pickup': {
        const by = request.pickup?.by ?? 'transporter';
        if (decision.pickup?.releaseAllowed) lines.push(messages.decision.releaseAllowed(by));
        else {
          const missing = decision.pickup?.missingDocument ?? (by === 'transporter' ? 'billOfLading' : 'proofOfSale');
          lines.push(messages.decision.releaseRefused(missing));
          // "only a bill of lading" from a buying dealer: say why the document shown is not the one needed.
          const shownOther = missing === 'proofOfSale' ? request.pickup?.billOfLading === true : request.pickup?.proofOfSale === true;
          if (shownOther) lines.push(messages.decision.wrongDocument(by));
        }
        citer.addMatching(source, by === 'transporter' ? /Bill of Lading/ : /proof of sale/);
        if (ask === 'contact' || asksConsequence(question)) contactLine();
        break;
      }
      case 'notification': {
        if (decision.notification.method === 'fax' && decision.notification.faxNumber !== null) {
          lines.push(messages.faxOne(decision.notification.faxNumber, request.intent === 'lesseeReturn' ? 'lease return' : 'dealer purchase'));
          citer.addMatching(source, /\bFax\b/);
        } else {
          lines.push(messages.decision.notifyInAvrm);
          citer.addMatching(source, /AVRM/);
        }
        if (ask === 'contact') contactLine();
        break;
      }
      case 'termination': {
        lines.push(decision.termination === 'ET' ? messages.decision.earlyTermination : messages.decision.normalMaturity);
        citer.addMatching(source, decision.termination === 'ET' ? /early termination|Steps for Evaluating/ : /normal maturity/);
        // "How do I tell if Ally treats that as an ET?": where the process says to look it up, too.
        const guide =
          /\b(?:how (?:do|can|would) (?:i|we) (?:tell|know|check|find out|figure out)|where (?:do|can) (?:i|we) (?:look|check|find)|look (?:that|it) up)\b/.test(
            question,
          )
            ? citer.find(source, /Quick Reference Guide/)
            : undefined;
        if (guide) {
          lines.push(guide.text);
          citer.add(guide);
        }
        break;
      }
      case 'quote': {
        const { isReturnQuote, requiresProofOfResale } = decision.quote;
        // "Does it need proof of resale?" is answered yes or no about the proof, not about the return quote.
        const asked = /resale/.test(question) && !/return quote/.test(question) ? 'proofOfResale' : 'returnQuote';
        lines.push(messages.decision.quote(request.intent, isReturnQuote, requiresProofOfResale, asked));
        citer.addMatching(source, /return quote|proof of resale/);
        // Only the Dealer Purchase for Lessee section speaks of return quotes; the others are cited by their first sentence.
        if (citer.passages().length === 0) citer.add(citer.find(source, /./));
        break;
      }
      case 'remarketing': {
        if (decision.remarketing.holdHours > 0) {
          lines.push(messages.decision.remarketingHold(decision.remarketing.holdHours));
          citer.addMatching(source, /\bhours\b/);
        } else {
          lines.push(messages.decision.remarketingImmediately);
          citer.addMatching(source, /right away|immediately/);
        }
        if (ask === 'contact' || asksConsequence(question)) contactLine();
        break;
      }
    }
    const text = lines.join(' ');
    citer.backNumbers(text, [source]);
    return { text, citations: citer.citations() };
  }
}
