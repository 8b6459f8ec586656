/**
 * A rehype plugin: GitHub task-list items (`- [x] Ship it`) render as disabled checkboxes with no
 * name; each gets the item's text as its accessible name ("Ship it, done"), so a screen reader
 * says what is checked rather than "checkbox, checked".
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

function textOf(node: ElementContent | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') {
    // A nested list belongs to its own items.
    if (node.tagName === 'ul' || node.tagName === 'ol') return '';
    return node.children.map(textOf).join('');
  }
  return '';
}

function findCheckbox(item: Element): Element | undefined {
  for (const child of item.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'input' && child.properties.type === 'checkbox') return child;
    // "loose" lists wrap the item's content in a paragraph.
    if (child.tagName === 'p') {
      const inner = findCheckbox(child);
      if (inner) return inner;
    }
  }
  return undefined;
}

function visit(node: Root | Element) {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'li') {
      const checkbox = findCheckbox(child);
      if (checkbox) {
        const text = textOf(child).replace(/\s+/g, ' ').trim() || 'Task';
        checkbox.properties.ariaLabel = `${text}, ${checkbox.properties.checked ? 'done' : 'not done'}`;
      }
    }
    visit(child);
  }
}

export function labelTaskItems() {
  return (tree: Root) => visit(tree);
}
