// Words shown to users come from the message catalogues (shared/i18n), never from a string in a
// component: no letters in JSX text, in a string a JSX child shows, or in the attributes people
// read (labels, titles, placeholders, alt text). Strings built in plain functions, and the core's
// own messages (a server's error), are beyond what lint can see.
export const translated = ['renderer/src/**/*.tsx'];

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

export const userWords = [
  {
    files: translated,
    rules: { 'no-restricted-syntax': ['error', ...selectors.map((selector) => ({ selector, message }))] },
  },
];
