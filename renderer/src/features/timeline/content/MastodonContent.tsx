import DOMPurify from 'dompurify';
import { createElement, Fragment, useMemo, type ReactNode } from 'react';
import type { Content } from '../../../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../../../shared/text/bidi.ts';
import { httpUrl } from '../../../../../shared/text/links.ts';
import { useImageUrl } from '../../../state/image-url.tsx';
import { emojiIndex, withCustomEmoji } from './custom-emoji.tsx';
import { ExternalLink } from './ExternalLink.tsx';
import { HashtagLink, tagOfText } from './HashtagLink.tsx';

type HtmlContent = Extract<Content, { kind: 'html' }>;

/** The elements a status may keep; any other is unwrapped to its text. */
const allowedTags = ['p', 'br', 'a', 'span', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li'] as const;
type AllowedTag = (typeof allowedTags)[number];
const isAllowedTag = (tag: string): tag is AllowedTag => (allowedTags as readonly string[]).includes(tag);
/** Elements whose content is code or markup, never text to show: dropped whole, as DOMPurify does. */
const withoutText = new Set(['script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'title', 'head', 'xmp', 'select', 'textarea', 'audio', 'video']);

/** Longer HTML than any server's limit is cut before parsing: a post, not a book. */
const maxHtmlLength = 100_000;
/** Elements nested deeper than this give only their text (no more indents or margins). */
const maxDepth = 12;
/** Past this many nodes the rest of the post is left out, and "…" says so. */
const maxNodes = 3_000;

/**
 * Server HTML, parsed inert and sanitized into a fragment: only the allowed tags, `href` and
 * `class`. null for what has no body to sanitize (DOMPurify's answer to a <frameset> document).
 */
function sanitizedFragment(html: string): DocumentFragment | null {
  return DOMPurify.sanitize(html.slice(0, maxHtmlLength), {
    ALLOWED_TAGS: [...allowedTags],
    ALLOWED_ATTR: ['href', 'class'],
    ALLOWED_URI_REGEXP: /^https?:/i,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}

const htmlNamespace = 'http://www.w3.org/1999/xhtml';
const classesOf = (element: Element) => new Set((element.getAttribute('class') ?? '').split(/\s+/));

interface WalkContext {
  emojis: ReadonlyMap<string, string>;
  inLink: boolean;
  /** Mastodon's "RE: <link>" paragraph (class quote-inline), for clients without quotes: left out where the quote is shown. */
  hideQuoteLink: boolean;
  depth: number;
  /** Nodes left to draw, shared by the whole walk. */
  budget: { nodes: number };
}

function childrenOf(node: Node, context: WalkContext): ReactNode[] {
  const children: ReactNode[] = [];
  const inner = { ...context, depth: context.depth + 1 };
  for (const [index, child] of Array.from(node.childNodes).entries()) {
    if (--context.budget.nodes < 0) {
      if (context.budget.nodes === -1) children.push('…');
      break;
    }
    children.push(nodeToReact(child, index, inner));
  }
  return children;
}

/** The text a reader sees: Mastodon's "invisible" spans (the https:// of a long URL) are not shown. */
function visibleText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType === Node.ELEMENT_NODE && classesOf(node as Element).has('invisible')) return '';
  return Array.from(node.childNodes, visibleText).join('');
}

function linkToReact(element: Element, key: number, context: WalkContext): ReactNode {
  const url = context.inLink ? null : httpUrl(element.getAttribute('href') ?? '');
  const children = childrenOf(element, { ...context, inLink: true });
  if (!url) return <Fragment key={key}>{children}</Fragment>;
  const classes = classesOf(element);
  const tag = classes.has('hashtag') ? tagOfText(visibleText(element)) : null;
  if (tag) return <HashtagLink key={key} tag={tag}>{children}</HashtagLink>;
  const className = classes.has('hashtag') ? 'post-body-hashtag' : classes.has('mention') || classes.has('u-url') ? 'post-body-mention' : undefined;
  return (
    <ExternalLink key={key} href={url.href} text={withoutBidiControls(visibleText(element))} className={className}>
      {children}
    </ExternalLink>
  );
}

/**
 * One sanitized DOM node as React: allowed elements rebuilt by name with no attribute copied,
 * text as text. The walk is an allow-list of its own, so nothing but these elements, their
 * text and checked links can come out even if the sanitizer let something through.
 */
function nodeToReact(node: Node, key: number, context: WalkContext): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = context.inLink ? withoutBidiControls(node.textContent ?? '') : (node.textContent ?? '');
    return withCustomEmoji(text, context.emojis);
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const name = element.localName.toLowerCase();
  if (withoutText.has(name)) return null;
  if (context.depth > maxDepth) return <Fragment key={key}>{visibleText(element)}</Fragment>;
  // An <a> or <p> inside <svg> or <math> is not the HTML element of that name: only its text stays.
  const tag = element.namespaceURI === htmlNamespace ? name : '';
  if (!isAllowedTag(tag)) return <Fragment key={key}>{childrenOf(element, context)}</Fragment>;
  switch (tag) {
    case 'br':
      return <br key={key} />;
    case 'a':
      return linkToReact(element, key, context);
    case 'p':
      if (context.hideQuoteLink && classesOf(element).has('quote-inline')) return null;
      return <p key={key}>{childrenOf(element, context)}</p>;
    case 'span': {
      const classes = classesOf(element);
      const className = classes.has('invisible') ? 'post-body-invisible' : classes.has('ellipsis') ? 'post-body-ellipsis' : undefined;
      return (
        <span key={key} className={className}>
          {childrenOf(element, context)}
        </span>
      );
    }
    default:
      return createElement(tag, { key }, ...childrenOf(element, context));
  }
}

/** A Mastodon status's HTML as a React tree built through an allow-list; never set as markup. */
export function MastodonContent({ content, hideQuoteLink = false }: { content: HtmlContent; hideQuoteLink?: boolean }) {
  const toImageUrl = useImageUrl();
  const tree = useMemo(() => {
    const emojis = emojiIndex(content.emojis, toImageUrl);
    const fragment = sanitizedFragment(content.html);
    return fragment ? childrenOf(fragment, { emojis, inLink: false, hideQuoteLink, depth: 0, budget: { nodes: maxNodes } }) : [];
  }, [content.html, content.emojis, toImageUrl, hideQuoteLink]);
  return (
    <div className="post-body-text post-body-html" dir="auto">
      {tree}
    </div>
  );
}
