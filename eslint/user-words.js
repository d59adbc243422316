// Words shown to users come from the message catalogues (shared/i18n), never from a string in a
// component: no letters in JSX text, in a string a JSX child shows, or in the attributes people
// read (labels, titles, placeholders, alt text). Strings built in plain functions, and the core's
// own messages (a server's error), are beyond what lint can see. The command line's words too:
// what it prints, asks and throws, and its --help.
export const translated = ['renderer/src/**/*.tsx'];
export const commandLine = ['electron/cli/**/*.ts'];

const letters = '/[A-Za-zÀ-ÿ]/';
const shown = ':matches(JSXElement, JSXFragment) > JSXExpressionContainer';
const readAttribute = 'JSXAttribute[name.name=/^(aria-label|aria-description|aria-roledescription|title|placeholder|alt)$/]';
const message = 'Words shown to users come from the catalogues (shared/i18n): use useWords() or <Message>.';
// What a JSX child or a read attribute shows as it is: a string, either branch of a condition, a template's text.
const shownValues = (container) => [
  `${container} > Literal[value=${letters}]`,
  `${container} > :matches(ConditionalExpression, LogicalExpression) > Literal[value=${letters}]`,
  `${container} > TemplateLiteral > TemplateElement[value.raw=${letters}]`,
  `${container} > :matches(ConditionalExpression, LogicalExpression) > TemplateLiteral > TemplateElement[value.raw=${letters}]`,
];
const selectors = [`JSXText[value=${letters}]`, ...shownValues(shown), `${readAttribute} > Literal[value=${letters}]`, ...shownValues(`${readAttribute} > JSXExpressionContainer`)];

// The command line: a string with letters handed to what prints, asks or throws, or as the
// description of a command, option or argument (its flags and names come first, and stay).
const cliMessage = 'The command line’s words come from the catalogues (shared/i18n/cli.*.ts): use words() of electron/cli/words.ts.';
const anyArgument = [
  'CallExpression[callee.name=/^(print|say|ask|usageError|setupError)$/]',
  'NewExpression[callee.name=/^(CliError|InvalidArgumentError)$/]',
  'CallExpression[callee.property.name=/^(description|summary|showHelpAfterError)$/]',
];
const secondArgument = [
  'CallExpression[callee.property.name=/^(option|requiredOption|argument|helpOption|helpCommand|addHelpText)$/]',
  'NewExpression[callee.name=/^(Option|Argument)$/]',
];
// A template's text as it comes out (cooked): "\n" is a line break, not a letter n.
const cooked = (selector) => selector.replaceAll('value.raw=', 'value.cooked=');
const cliSelectors = [
  ...anyArgument.flatMap(shownValues).map(cooked),
  ...secondArgument.flatMap((call) => [`${call} > Literal:nth-child(2)[value=${letters}]`, `${call} > TemplateLiteral:nth-child(2) > TemplateElement[value.cooked=${letters}]`]),
];

export const userWords = [
  {
    files: translated,
    rules: { 'no-restricted-syntax': ['error', ...selectors.map((selector) => ({ selector, message }))] },
  },
  {
    files: commandLine,
    rules: { 'no-restricted-syntax': ['error', ...cliSelectors.map((selector) => ({ selector, message: cliMessage }))] },
  },
];
