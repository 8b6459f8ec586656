/**
 * The header's "Menu" button on the prerendered marketing pages, which run without React for
 * the header: the same toggle SiteHeader keeps in state (aria-expanded on the button, `is-open`
 * on the collapsible part), wired to the prerendered markup. Every link leaves the page, so
 * there is no "close on navigate" to mirror.
 */
export function enableHeaderMenu(): void {
  const toggle = document.querySelector<HTMLButtonElement>('.site-header__menu-toggle');
  const collapsible = document.querySelector('.site-header__collapsible');
  if (!toggle || !collapsible) return;
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    collapsible.classList.toggle('is-open', open);
  });
}
