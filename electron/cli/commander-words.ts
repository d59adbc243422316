/**
 * Commander's own complaints (an unknown option, a missing argument, …) in the user's language.
 * Commander words them in English with no hook but its output: configureOutput's outputError
 * passes them through here, and each known wording is said again from the catalogues. A wording
 * a later commander changes stays as commander gave it, in English.
 */
import type { Translate } from '../../shared/i18n/translate.ts';

type Said = (match: RegExpExecArray, translate: Translate) => string;

const wordings: [RegExp, Said][] = [
  [/unknown option '(.+?)'/, ([, option], t) => t('cli.parse.unknownOption', { option: option! })],
  [/unknown command '(.+?)'/, ([, command], t) => t('cli.parse.unknownCommand', { command: command! })],
  [/missing required argument '(.+?)'/, ([, argument], t) => t('cli.parse.missingArgument', { argument: argument! })],
  [/option '(.+?)' argument missing/, ([, option], t) => t('cli.parse.optionMissingArgument', { option: option! })],
  [/option '(.+?)' argument '(.*?)' is invalid\./, ([, option, value], t) => t('cli.parse.invalidOptionValue', { option: option!, value: value! })],
  [/command-argument value '(.*?)' is invalid for argument '(.+?)'\./, ([, value, argument], t) => t('cli.parse.invalidArgumentValue', { value: value!, argument: argument! })],
  [
    /too many arguments(?: for '.+?')?\. Expected (\d+) arguments? but got (\d+): (.*)\./,
    ([, expected, received, details], t) => t('cli.parse.tooManyArguments', { expected: Number(expected), received: Number(received), details: details! }),
  ],
  [/Allowed choices are (.+)\./, ([, choices], t) => t('cli.parse.allowedChoices', { choices: choices! })],
  [/\(Did you mean one of (.+)\?\)/, ([, suggestions], t) => t('cli.parse.didYouMeanOneOf', { suggestions: suggestions! })],
  [/\(Did you mean (.+)\?\)/, ([, suggestion], t) => t('cli.parse.didYouMean', { suggestion: suggestion! })],
];

const errorPrefix = /^error: /;

/** Commander's error text, each wording it is known to use said by `translate`; the rest as it is. */
export function commanderInLanguage(text: string, translate: Translate): string {
  return text
    .split('\n')
    .map((line) => {
      let said = line;
      for (const [pattern, say] of wordings) {
        const match = pattern.exec(said);
        if (match) said = said.slice(0, match.index) + say(match, translate) + said.slice(match.index + match[0].length);
      }
      return errorPrefix.test(said) ? translate('cli.parse.error', { message: said.replace(errorPrefix, '') }) : said;
    })
    .join('\n');
}
