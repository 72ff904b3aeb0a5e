/**
 * After a form's validation failed: scrolls the first invalid field (in page order) to the middle
 * of the screen and focuses it, so an error below the fold of a long form is seen. Mantine marks an
 * input with an error aria-invalid; the marks appear on the next render, hence the frame's wait.
 */
export const focusFirstError = (root: ParentNode = document): void => {
  requestAnimationFrame(() => {
    const first = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) return;
    first.scrollIntoView({ block: 'center', behavior: 'smooth' });
    first.focus({ preventScroll: true });
  });
};

/** Brings an element that just appeared (a confirmation under a long form) into view. */
export const bringIntoView = (element: HTMLElement | null): void => {
  element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
};
